"""Model failures, each with a message a person can read."""


class ModelError(RuntimeError):
    """The model backend failed; `str(error)` says what happened in plain words."""


class ModelUnavailable(ModelError):
    """The model server is not installed, could not start, or cannot be reached."""


class ModelTimeout(ModelError):
    """The model did not answer in time."""
