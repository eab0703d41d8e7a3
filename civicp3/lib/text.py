"""Text every document can carry: no control characters.

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
