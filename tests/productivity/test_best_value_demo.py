"""The demo council's Best Value self-assessment: evidence under every theme from live data,
published as a frozen snapshot, attached to a committee report; and its outcomes framework."""

from civicp3.organisation.models import Council
from civicp3.outcomes.demo import NAME
from civicp3.outcomes.documents import _empty, gaps_document, scorecard_document
from civicp3.outcomes.models import OutcomeFramework
from civicp3.productivity.best_value_demo import TITLE
from civicp3.productivity.documents import committee_document
from civicp3.productivity.evidence import evidence_blocks
from civicp3.productivity.models import CommitteeReport, Plan, PlanStatus
from civicp3.reports.render import render_docx
from tests import clock
from tests.reports.test_report_files import docx_text, pdf_text


def test_the_demo_self_assessment_has_evidence_under_every_theme(maldon: Council) -> None:
    plan = Plan.objects.get(council=maldon, title=TITLE)
    themes = list(plan.template.themes.all())
    assert len(themes) == 7
    for theme in themes:
        assert not _empty(evidence_blocks(maldon, theme.evidence)), theme.title
    gaps = gaps_document(maldon, clock.today())
    rows = [row for table in gaps.tables() for row in table.rows]
    assert [row for row in rows if row[1] in ("No evidence", "Not rated")] == []


def test_it_is_published_as_a_frozen_snapshot_and_attached_to_a_committee_report(
    maldon: Council,
) -> None:
    plan = Plan.objects.get(council=maldon, title=TITLE)
    assert plan.status == PlanStatus.PUBLISHED
    assert list(plan.snapshots.values_list("status", flat=True)) == ["Endorsed", "Published"]
    published = plan.snapshots.get(status="Published")
    pdf = pdf_text(published.read("pdf"))
    for theme in plan.template.themes.all():
        assert theme.title in pdf
    assert "Sample characteristics shipped with Civic P3" in pdf
    report = CommitteeReport.objects.get(council=maldon, appendices__plan=plan)
    word = committee_document(report, maldon, clock.today())
    assert f"Appendix 1: {TITLE}" in word.text()


def test_the_demo_outcomes_framework_drives_its_scorecard(maldon: Council) -> None:
    framework = OutcomeFramework.objects.get(council=maldon, name=NAME)
    document = scorecard_document(framework, clock.today())
    text = document.text()
    assert "SAMPLE outcome 1" in text
    in_year = [t for t in document.tables() if t.caption.endswith("In-year measures")]
    assert len(in_year) == 3
    assert all(table.rows for table in in_year)
    word = docx_text(render_docx(document))
    assert "SAMPLE: illustrative value, not a published statistic" in word
