"""Text every document can carry: no control characters; and names that read as typed.

Word, Excel and Microsoft Project files are XML, and XML 1.0 cannot hold the C0 control
characters other than tab, line feed and carriage return (PostgreSQL cannot store NUL at all).
Text is refused at the door, naming the field, so a record saved today is one every download
can still write tomorrow.
"""

import re

from django.core.exceptions import ValidationError

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def control_character(value: str) -> str | None:
    """The first character of `value` a document cannot hold, as a message, or None."""
    found = _NOT_IN_XML.search(value)
    if found is None:
        return None
    return f"Remove the control character (\\u{ord(found.group()):04x}): text may not contain it"


def refuse_control_characters(value: object) -> None:
    """A Django field validator: the page names the field whose text cannot be kept."""
    if isinstance(value, str) and (message := control_character(value)):
        raise ValidationError(message, code="control_character")


# Names (of people, projects, tasks, risks: the fields below, in every form and API input)
# may not carry the bidirectional embedding, override and isolate controls: "Sam\u202eevil"
# shows as typed in no list, and can make one name look like another.
NAME_FIELDS = frozenset({"name", "title", "first_name", "last_name", "username"})
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_control(value: str) -> str | None:
    """The first bidirectional control character in `value`, as a message, or None."""
    found = _BIDI_CONTROLS.search(value)
    if found is None:
        return None
    return (
        f"Remove the text-direction character (\\u{ord(found.group()):04x}): "
        "names may not contain it"
    )


def refuse_bidi_controls(value: object) -> None:
    """A Django field validator for the name fields."""
    if isinstance(value, str) and (message := bidi_control(value)):
        raise ValidationError(message, code="bidi_control")
