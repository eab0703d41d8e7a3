"""The base of every API input: text may not carry the NUL character.

PostgreSQL cannot store NUL in text, so it is refused here, by field, with a 422 — as Django's
own forms refuse it on the pages — rather than failing in the database.
"""

from typing import Any

from ninja import Schema
from pydantic import field_validator


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    return False


class Input(Schema):
    @field_validator("*", mode="before")
    @classmethod
    def no_nul_characters(cls, value: Any) -> Any:
        if _has_nul(value):
            raise ValueError("Remove the NUL character (\\u0000): text may not contain it")
        return value
