"""The base of every API input: text may not carry control characters, nor dates fall outside
the calendar's years (`civicp3.lib.dates`).

PostgreSQL cannot store NUL, and no Word, Excel or Microsoft Project file can hold the other C0
control characters, so they are refused here, by field, with a 422 (as the pages' forms refuse
them) rather than failing in the database or in a later download.
"""

from typing import Any

from ninja import Schema
from pydantic import ValidationInfo, field_validator

from civicp3.lib.dates import date_out_of_range
from civicp3.lib.text import NAME_FIELDS, bidi_control, control_character


def _problem(value: Any) -> str | None:
    if isinstance(value, str):
        return control_character(value)
    if (problem := date_out_of_range(value)) is not None:
        return f"The date {problem}"
    if isinstance(value, list | tuple):
        return next(filter(None, map(_problem, value)), None)
    if isinstance(value, dict):
        return next(filter(None, map(_problem, [*value, *value.values()])), None)
    return None


class Input(Schema):
    @field_validator("*")  # after each field is parsed: a nested model names its own field
    @classmethod
    def no_control_characters(cls, value: Any, info: ValidationInfo) -> Any:
        if message := _problem(value):
            raise ValueError(message)
        named = info.field_name in NAME_FIELDS and isinstance(value, str)
        if named and (message := bidi_control(value)):
            raise ValueError(message)
        return value
