"""/api/reports: the council's reports (scorecard exceptions, success, headline, governance)
as PDF, Word or Excel, built by the performance app as the Reports pages build them."""

from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema

from civicp3.api.auth import api_action
from civicp3.organisation.scoping import current_council
from civicp3.performance.documents import REPORTS
from civicp3.reports.render import CONTENT_TYPES, document_response

router = Router(tags=["Reports"])

Format = Literal[tuple(CONTENT_TYPES)]  # type: ignore[valid-type]
DOWNLOAD = {
    200: {
        "description": "The report as a file",
        "content": {
            content_type: {"schema": {"type": "string", "format": "binary"}}
            for content_type in CONTENT_TYPES.values()
        },
    }
}


class ReportOut(Schema):
    slug: str
    title: str
    description: str


@router.get("/", response=list[ReportOut], summary="List the reports")
@api_action("projects.view")
def report_list(request: HttpRequest) -> list[ReportOut]:
    return [
        ReportOut(slug=r.slug, title=r.title, description=r.description) for r in REPORTS.values()
    ]


@router.get(
    "/{slug}/{fmt}",
    summary="Download a report",
    description="`fmt` is pdf, docx or xlsx. The figures are the council's as they are now.",
    openapi_extra={"responses": DOWNLOAD},
)
@api_action("projects.view")
def report_download(request: HttpRequest, slug: str, fmt: Format) -> HttpResponse:
    report = REPORTS.get(slug)
    if report is None:
        raise Http404("No such report")
    council = current_council(request)
    today = timezone.localdate()
    document = report.build(council, today)
    return document_response(document, fmt, f"{slug}-report-{council.slug}-{today:%Y-%m-%d}")
