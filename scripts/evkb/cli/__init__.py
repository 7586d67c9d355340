"""Stage 5, cli: the `evkb` command line (`app`) and its extra commands (`commands/`).

The only stage that prints and chooses exit codes; it parses options, calls the stages
below and hands their results to a reporter.

May import: every other stage.
"""
