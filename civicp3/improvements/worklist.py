"""The seed's work-list layout: the columns of the council's improvement waiting list.

Imports read it (tolerant of header case and spacing) and exports write it, so a downloaded
waiting list can be read back in.
"""

import re
from collections.abc import Sequence
from decimal import Decimal

from civicp3.improvements.models import FormRequired, ImprovementRequest

# (key, header exactly as the seed writes it)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("score", "Score"),
    ("process_impacted", "Process Impacted"),
    ("ad_area", "AD area"),
    ("service_area", "Service Area"),
    ("problem_statement", "Problem statement - 'what is the issue?'"),
    ("what_we_require", "What we require"),
    ("form_required", "Form Required?"),
    ("pathway", "Pathway"),
)
# Columns a council's past work may add, so it lands with its real dates, status and savings.
HISTORY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("raised_on", "Raised on"),
    ("decided_on", "Decided on"),
    ("went_live_on", "Went live on"),
    ("closed_on", "Closed on"),
    ("status", "Status"),
    ("hours_saved", "Hours saved a year"),
    ("pounds_saved", "£ saved a year"),
)
# Columns any work list may add: the request's tags, comma-separated.
OPTIONAL_COLUMNS: tuple[tuple[str, str], ...] = (("tags", "Tags"),)
# The history's dates in the order they happen, each with its words for a refusal:
# "It cannot <verb> before it <happened>".
DATE_ORDER: tuple[tuple[str, str, str], ...] = (
    ("raised_on", "be raised", "was raised"),
    ("decided_on", "be decided", "was decided"),
    ("went_live_on", "go live", "went live"),
    ("closed_on", "be closed", "was closed"),
)
HEADERS: tuple[str, ...] = tuple(header for _, header in COLUMNS)
LABELS: dict[str, str] = dict(COLUMNS + HISTORY_COLUMNS + OPTIONAL_COLUMNS)

# Other ways people write the same headers, after `header_key` has simplified them.
_ALIASES = {
    "problemstatement": "problem_statement",
    "whatistheissue": "problem_statement",
    "formrequired": "form_required",
    "onlineformrequired": "form_required",
    "adarea": "ad_area",
    "directorate": "ad_area",
    "raised": "raised_on",
    "dateraised": "raised_on",
    "wentlive": "went_live_on",
    "livedate": "went_live_on",
    "decided": "decided_on",
    "approvedon": "decided_on",
    "closed": "closed_on",
    "dateclosed": "closed_on",
    "hourssavedperyear": "hours_saved",
    "poundssavedayear": "pounds_saved",
    "moneysavedayear": "pounds_saved",
}

FORM_REQUIRED_WORDS = {
    "yes": FormRequired.YES,
    "no": FormRequired.NO,
    "not sure": FormRequired.NOT_SURE,
}


def header_key(text: str) -> str:
    """A header without case, spacing or punctuation: "Form  required ?" is "formrequired"."""
    return re.sub(r"[^a-z0-9]", "", text.casefold())


_KEYS = {header_key(header): key for key, header in LABELS.items()} | _ALIASES


def column_for(header: str) -> str | None:
    """The layout's key for a header as written in a file, or None for a column we ignore."""
    return _KEYS.get(header_key(header))


def words(text: str) -> str:
    """Text compared as a person reads it: case and runs of spaces do not matter."""
    return " ".join(text.split()).casefold()


def score_cell(score: Decimal | None) -> int | Decimal | None:
    if score is None:
        return None
    return int(score) if score == score.to_integral_value() else score.normalize()


def worklist_row(improvement: ImprovementRequest) -> Sequence[object]:
    """One request as a row of the seed's layout (the AD area and service area by name)."""
    return (
        score_cell(improvement.score),
        improvement.process_impacted,
        improvement.directorate.name if improvement.directorate else "",
        improvement.service_area_shown,
        improvement.problem_statement,
        improvement.what_we_require,
        improvement.get_form_required_display() if improvement.form_required else "",
        improvement.pathway,
    )
