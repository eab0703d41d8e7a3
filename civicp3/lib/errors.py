"""The one shape of a refusal: every app's error subclasses `DomainError`."""


class DomainError(Exception):
    """A change the rules refuse. `message` is shown to the person as written; `field` names the
    form field (or API input) at fault, if there is one. The API answers with `status`."""

    status = 422

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class Conflict(DomainError):
    """The record has moved on: the move is not allowed from where it is now (HTTP 409)."""

    status = 409
