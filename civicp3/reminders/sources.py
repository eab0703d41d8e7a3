"""Where reminders come from: each source lists what someone must do now.

A source is a function `(council, today) -> iterable of Due`; register it in `SOURCES` with
`register(kind, label)`. Sources read through their own app's selectors.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser

from civicp3.organisation.models import Council


@dataclass(frozen=True)
class Due:
    user: AbstractBaseUser
    key: str
    text: str
    url: str
    due: date


Source = Callable[[Council, date], Iterable[Due]]


@dataclass(frozen=True)
class Registered:
    kind: str
    label: str
    find: Source


SOURCES: dict[str, Registered] = {}


def register(kind: str, label: str) -> Callable[[Source], Source]:
    def decorator(find: Source) -> Source:
        SOURCES[kind] = Registered(kind, label, find)
        return find

    return decorator
