"""Contributor tooling: scaffolds, identifier look-up, reference verification and change reports.

Library code only: functions return values or raise `ContribError`; the commands in
`evkb.commands` print and choose exit codes.
"""


class ContribError(Exception):
    """A problem the user can fix; the message says how. No file was changed."""
