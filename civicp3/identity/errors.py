class SignInRefused(Exception):
    """Single sign-on did not sign the person in; the message says why, in their words."""

    def __init__(self, message: str, *, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


PROVIDER_DOWN = (
    "Your council's sign-in service is not answering. Try again in a few minutes, or ask your "
    "council's IT service desk."
)
