"""What the two commands share: find the council and write a document in a format."""

from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.template.loader import render_to_string

from civicp3.organisation.models import Council
from civicp3.productivity.documents import PRINT_TEMPLATE
from civicp3.reports.document import Document
from civicp3.reports.render import document_bytes

FORMATS = ("pdf", "docx", "html")


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--council", required=True, help="The council's slug")
    parser.add_argument("--format", required=True, choices=FORMATS)
    parser.add_argument("--out", required=True, help="The file to write")


def council(slug: str) -> Council:
    found = Council.objects.filter(slug=slug).first()
    if found is None:
        raise CommandError(f"No council with the slug {slug!r}")
    return found


def write(document: Document, fmt: str, out: str) -> str:
    if fmt == "html":
        data = render_to_string(PRINT_TEMPLATE, {"document": document}).encode()
    else:
        data = document_bytes(document, fmt, PRINT_TEMPLATE)
    Path(out).write_bytes(data)
    return f"Wrote {document.title} ({fmt.upper()}) to {out}"
