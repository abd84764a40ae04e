"""The error a workflow raises when a transition is not possible (French message for users)."""


class WorkflowError(Exception):
    """A refused transition or invalid input; ``str(error)`` is shown to the user."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field
