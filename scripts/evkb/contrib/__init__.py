"""Stage 4, contrib: the contributor's tools: scaffolds (`new`), identifier look-up (`add`),
reference verification (`verify-references`) and change reports (`changes`).

Library code only: functions return values or raise `ContribError`; the commands in
`evkb.cli.commands` print and choose exit codes.

May import: evkb.model, evkb.load, evkb.engine.
"""


class ContribError(Exception):
    """A problem the user can fix; the message says how. No file was changed."""
