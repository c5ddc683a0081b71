"""The one exception type for problems a user can fix (bad data, bad config, upstream drift)."""


class TrackerError(Exception):
    """A problem the user can fix. Printed as one line, without a traceback, with exit status 1."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
