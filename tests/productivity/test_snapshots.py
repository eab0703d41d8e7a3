"""Snapshots of record: what members endorsed is what the public reads, byte for byte."""

import hashlib
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.management import call_command
from docx import Document as Word
from pypdf import PdfReader

from civicp3.improvements.models import Benefits
from civicp3.organisation.models import Council
from civicp3.performance import measures
from civicp3.productivity import demo, services
from civicp3.productivity.models import Plan, PlanStatus, Snapshot
from tests import clock


def _publish(plan: Plan) -> Plan:
    for to, details in (
        (PlanStatus.REVIEW, {}),
        (PlanStatus.ENDORSED, {"committee": "Cabinet", "on": date(2024, 7, 9)}),
        (PlanStatus.SUBMITTED, {"on": date(2024, 7, 12)}),
        (PlanStatus.PUBLISHED, {"on": date(2024, 7, 15)}),
    ):
        plan = services.plan_move(plan=plan, to=to, **details)  # type: ignore[arg-type]
    return plan


def _pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def test_endorsing_submitting_and_publishing_each_store_the_files_with_their_hash(
    plan_a: Plan,
) -> None:
    plan = _publish(plan_a)
    snapshots = list(plan.snapshots.all())
    assert [s.status for s in snapshots] == ["Endorsed", "Submitted", "Published"]
    for snapshot in snapshots:
        for fmt in Snapshot.FORMATS:
            name = getattr(snapshot, fmt).name
            assert name.startswith("snapshots/alpha/")
            with default_storage.open(name, "rb") as handle:
                data = handle.read()
            assert hashlib.sha256(data).hexdigest() == getattr(snapshot, f"{fmt}_sha256")
    published = snapshots[-1]
    text = _pdf_text(published.read("pdf"))
    as_at = f"{published.as_at:%-d %B %Y}"
    assert f"Published Figures as at {as_at}" in text
    assert "DRAFT" not in text
    word = Word(io.BytesIO(published.read("docx")))
    assert f"Published · Figures as at {as_at}" in [p.text for p in word.paragraphs]


def test_the_public_page_and_downloads_are_the_snapshot_while_the_data_moves_on(
    maldon: Council, client
) -> None:  # type: ignore[no-untyped-def]
    plan = Plan.objects.get(council=maldon, title=demo.TITLE)
    record = plan.snapshots.get(status="Published")
    public = f"/published/maldon/productivity-plan/{plan.pk}/"
    assert record.page_html().encode() in client.get(public).content
    hours_before = measures.value_of(maldon, "officer_hours_saved", clock.today()).shown

    benefits = Benefits.objects.for_council(maldon).first()
    benefits.hours_saved_per_year += 100
    benefits.save()
    hours_now = measures.value_of(maldon, "officer_hours_saved", clock.today()).shown
    assert hours_now != hours_before

    page = client.get(public)
    assert record.page_html().encode() in page.content
    assert record.figures["officer hours saved"] == hours_before
    published = _pdf_text(client.get(f"{public}pdf/").content)
    assert f"{hours_before} officer hours saved" in published
    assert f"{hours_now} officer hours saved" not in published
    for fmt in ("pdf", "docx"):
        download = client.get(f"{public}{fmt}/")
        assert download.content == record.read(fmt)
        assert hashlib.sha256(download.content).hexdigest() == getattr(record, f"{fmt}_sha256")

    client.force_login(User.objects.get(username="councillor"))
    for fmt in ("pdf", "docx", "html"):
        staff = client.get(f"/productivity-plan/{plan.pk}/download/{fmt}/")
        assert staff.content == record.read(fmt)
    prepare = client.post(f"/productivity-plan/{plan.pk}/prepare/pdf/")
    assert prepare["Location"] == f"/productivity-plan/{plan.pk}/download/pdf/"

    working = client.get(plan.get_absolute_url()).content.decode()
    changes = working[working.index('id="changes"') :]
    row = re.search(r"officer hours saved</th>(.*?)</tr>", changes).group(1)
    assert [hours_before, hours_now] == re.findall(r'cell">([^<]*)</td>', row)


def test_a_new_version_is_deliberate_and_the_published_one_stays_public(
    org, plan_a: Plan, client
) -> None:  # type: ignore[no-untyped-def]
    plan = _publish(plan_a)
    public = f"/published/alpha/productivity-plan/{plan.pk}/"
    record = plan.snapshots.get(status="Published").page_html().encode()
    sponsor = org.client_for("sponsor")
    refused = sponsor.post(f"/productivity-plan/{plan.pk}/move/draft/", {"draft-reason": ""})
    assert "Enter why a new version is needed" in refused.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED

    sponsor.post(f"/productivity-plan/{plan.pk}/move/draft/", {"draft-reason": "2025 figures"})
    plan.refresh_from_db()
    assert (plan.status, plan.endorsed_on, plan.published_on) == (PlanStatus.DRAFT, None, None)
    assert plan.versions.last().label == "New version started: 2025 figures"
    services.plan_edit(plan=plan, foreword="A new foreword for 2025", narratives={})
    assert record in client.get(public).content
    assert b"A new foreword for 2025" not in client.get(public).content
    draft = org.client_for("councillor").get(f"/productivity-plan/{plan.pk}/download/pdf/")
    text = _pdf_text(draft.content)
    assert "DRAFT" in text
    assert "A new foreword for 2025" in text


def test_only_the_councils_people_read_its_snapshots(org, plan_a: Plan) -> None:  # type: ignore[no-untyped-def]
    plan = _publish(plan_a)
    url = f"/productivity-plan/{plan.pk}/record/1/pdf/"
    assert org.client_for("councillor").get(url).content[:5] == b"%PDF-"
    assert org.client_for("staff").get(url).status_code == 403
    assert org.client_for("pmo", council="b").get(url).status_code == 404
    assert org.client_for("councillor").get(url.replace("/1/", "/9/")).status_code == 404
    assert org.client_for("councillor").get(url.replace("pdf", "exe")).status_code == 404


def test_a_backup_carries_the_snapshots(plan_a: Plan, tmp_path: Path) -> None:
    plan = _publish(plan_a)
    backup = tmp_path / "backup.zip"
    call_command("backup", str(backup), stdout=io.StringIO())
    archive = zipfile.ZipFile(backup)
    for snapshot in plan.snapshots.all():
        assert archive.read(f"media/{snapshot.pdf.name}") == snapshot.read("pdf")
        assert archive.read(f"media/{snapshot.docx.name}") == snapshot.read("docx")


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.REVIEW])
def test_a_plan_not_yet_endorsed_is_a_draft_with_a_watermark(
    org, plan_a: Plan, status: str
) -> None:  # type: ignore[no-untyped-def]
    if status == PlanStatus.REVIEW:
        services.plan_move(plan=plan_a, to=status)
    response = org.client_for("councillor").get(f"/productivity-plan/{plan_a.pk}/download/docx/")
    word = Word(io.BytesIO(response.content))
    assert word.sections[0].header.paragraphs[0].text == "DRAFT"
    assert any(p.text.startswith("Draft · Figures as at ") for p in word.paragraphs)
    assert not plan_a.snapshots.exists()


def test_a_plan_longer_than_the_limit_needs_a_recorded_override(org, plan_a: Plan) -> None:  # type: ignore[no-untyped-def]
    plan_a.template.max_pages = 1
    plan_a.template.save()
    services.plan_edit(plan=plan_a, foreword="A long foreword. " * 400, narratives={})
    services.plan_move(plan=plan_a, to=PlanStatus.REVIEW)
    sponsor = org.client_for("sponsor")
    url = f"/productivity-plan/{plan_a.pk}/move/endorsed/"
    details = {"endorsed-committee": "Cabinet", "endorsed-on": "2024-07-09"}
    refused = sponsor.post(url, details).content.decode()
    assert re.search(r"The plan is \d+ pages; the return expects at most 1", refused)
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.REVIEW
    assert not plan_a.snapshots.exists()
    reason = "Members asked for the full text"
    sponsor.post(url, details | {"endorsed-length_override": reason})
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.ENDORSED
    label = plan_a.versions.last().label
    assert label.startswith("Member endorsement recorded at ")
    assert label.endswith(f"pages (longer than expected: {reason})")
