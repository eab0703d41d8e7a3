"""Outcome frameworks loaded from a file drive the outcomes scorecard; a bad file is refused
with every bad cell named and nothing written; the gap report says what is missing or stale."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from civicp3.outcomes import services
from civicp3.outcomes.models import MetricValue, Outcome, OutcomeFramework, OutcomeMetric
from civicp3.outcomes.views import SAMPLE
from civicp3.performance.models import Kpi
from civicp3.performance.services import kpi_actual_record, kpi_save
from tests import clock
from tests.reports.test_report_files import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def _upload(client, name: str, content: bytes, filename: str = "framework.csv"):  # type: ignore[no-untyped-def]
    data = io.BytesIO(content)
    data.name = filename
    return client.post("/outcomes/upload/", {"name": name, "file": data})


@pytest.fixture
def framework(org) -> OutcomeFramework:  # type: ignore[no-untyped-def]
    response = _upload(org.client_for("pmo"), "Sample framework", SAMPLE.read_bytes())
    assert response.status_code == 302
    return OutcomeFramework.objects.get(council=org.a)


@pytest.fixture
def kpi(org) -> Kpi:  # type: ignore[no-untyped-def]
    return kpi_save(
        council=org.a,
        name="Forms completed online",
        perspective="customer",
        owner="Customer services",
        unit="%",
        target=Decimal("60"),
        tolerance=Decimal("5"),
    )


def test_the_sample_file_is_marked_as_a_sample_and_loads(framework) -> None:  # type: ignore[no-untyped-def]
    outcomes = list(framework.outcomes.values_list("title", flat=True))
    assert len(outcomes) == 3
    assert all(title.startswith("SAMPLE") for title in outcomes)
    first = framework.outcomes.get(order=1)
    assert list(first.metrics.values_list("kind", "frequency")) == [
        ("output", "annual"),
        ("outcome", "biennial"),
    ]
    assert framework.loaded_from == "framework.csv"


def test_a_bad_file_is_refused_with_every_bad_cell_named_and_nothing_written(org) -> None:  # type: ignore[no-untyped-def]
    content = (
        b"Outcome,Metric,Metric type,Source,Frequency\n"
        b"Healthy places,Air quality,Outcome,DEFRA,Annual\n"
        b",Bus journeys,Output,DfT,Quarterly\n"
        b"Healthy places,Green space,Input,ONS,Daily\n"
        b"Healthy places,Air quality,Outcome,DEFRA,Annual\n"
    )
    response = _upload(org.client_for("pmo"), "Local outcomes", content)
    assert response.status_code == 400
    page = response.content.decode().replace("&quot;", '"')
    assert "Row 3, Outcome: Enter the outcome" in page
    assert 'Row 4, Metric type: "Input" is not a metric type: enter Outcome or Output' in page
    assert 'Row 4, Frequency: "Daily" is not a frequency' in page
    assert 'Row 5, Metric: "Air quality" is already on row 2 for the same outcome' in page
    assert not OutcomeFramework.objects.exists()
    assert not Outcome.objects.exists()
    assert not OutcomeMetric.objects.exists()


def test_a_file_missing_a_column_names_it(org) -> None:  # type: ignore[no-untyped-def]
    response = _upload(org.client_for("pmo"), "Local", b"Outcome,Metric\nA,B\n")
    assert response.status_code == 400
    assert "Row 1, Metric type, Source, Frequency: Missing column" in response.content.decode()
    assert not OutcomeFramework.objects.exists()


def test_only_pmo_loads_a_framework_and_other_councils_cannot_see_it(org, framework) -> None:  # type: ignore[no-untyped-def]
    assert _upload(org.client_for("councillor"), "X", SAMPLE.read_bytes()).status_code == 403
    assert org.client_for("councillor").get(framework.get_absolute_url()).status_code == 200
    other = org.client_for("pmo", council="b")
    assert other.get(framework.get_absolute_url()).status_code == 404
    assert other.get(f"/outcomes/{framework.pk}/scorecard/pdf/").status_code == 404


def test_kpis_map_to_outcomes_and_values_are_recorded_through_the_pages(
    org, framework, kpi
) -> None:  # type: ignore[no-untyped-def]
    client = org.client_for("pmo")
    outcome = framework.outcomes.get(order=1)
    metric = outcome.metrics.get(order=1)
    url = f"/outcomes/{framework.pk}/outcomes/{outcome.pk}/kpis/"
    assert client.post(url, {"kpis": [kpi.pk]}).status_code == 302
    assert list(outcome.kpis.all()) == [kpi]
    value_url = f"/outcomes/{framework.pk}/metrics/{metric.pk}/values/new/"
    future = clock.today() + timedelta(days=3)
    response = client.post(
        value_url,
        {"period": "2025/26", "value": "41.5", "source": "ONS", "published_on": future},
    )
    assert "The date published must be today or in the past" in response.content.decode()
    assert not MetricValue.objects.exists()
    published = clock.today() - timedelta(days=30)
    response = client.post(
        value_url,
        {"period": "2025/26", "value": "41.5", "source": "ONS", "published_on": published},
    )
    assert response.status_code == 302
    recorded = MetricValue.objects.get(metric=metric)
    assert (recorded.value, recorded.source, recorded.published_on) == (
        Decimal("41.5"),
        "ONS",
        published,
    )


def test_a_kpi_of_another_council_cannot_be_mapped(org, framework) -> None:  # type: ignore[no-untyped-def]
    theirs = kpi_save(
        council=org.b, name="Theirs", perspective="customer", owner="X", target=Decimal(1)
    )
    with pytest.raises(services.OutcomeError, match="Select your council's KPIs"):
        services.outcome_kpis_set(outcome=framework.outcomes.first(), kpis=[theirs])


def _fill(framework: OutcomeFramework, kpi: Kpi) -> None:
    today = clock.today()
    outcome = framework.outcomes.get(order=1)
    outcome.kpis.set([kpi])
    metric = outcome.metrics.get(order=1)
    for period, value, days in (("2023/24", "38", 400), ("2024/25", "41.5", 30)):
        services.metric_value_record(
            metric=metric,
            period=period,
            value=Decimal(value),
            source="ONS",
            published_on=today - timedelta(days=days),
            today=today,
        )
    month = today.replace(day=1)
    last = (month - timedelta(days=1)).replace(day=1)
    kpi_actual_record(kpi=kpi, period=last, value=Decimal("50"), commentary="Behind plan")
    kpi_actual_record(kpi=kpi, period=month, value=Decimal("62"))


def test_the_scorecard_reads_back_the_same_in_every_format(org, framework, kpi) -> None:  # type: ignore[no-untyped-def]
    _fill(framework, kpi)
    client = org.client_for("councillor")
    base = f"/outcomes/{framework.pk}/scorecard/"
    html = client.get(base).content.decode()
    pdf = pdf_text(client.get(f"{base}pdf/").content)
    word = docx_text(client.get(f"{base}docx/").content)
    book = load_workbook(io.BytesIO(client.get(f"{base}xlsx/").content))
    cells = " ".join(
        str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    )
    metric = "SAMPLE: share of transactions completed online"
    for text in (html, pdf, word, cells):
        assert metric in text
        assert "41.5" in text
        assert "2024/25" in text
        assert "↑ Up" in text
        assert "Forms completed online" in text
        assert "↑ Improved" in text
    assert "Stale" in word  # the sample's other metrics have no value published


def test_the_gap_report_names_what_has_no_measure_no_data_or_stale_data(
    org, framework, kpi
) -> None:  # type: ignore[no-untyped-def]
    _fill(framework, kpi)
    old = framework.outcomes.get(order=2).metrics.get(order=1)
    services.metric_value_record(
        metric=old,
        period="2021/22",
        value=Decimal("900"),
        source="ONS",
        published_on=clock.today() - timedelta(days=800),
        today=clock.today(),
    )
    client = org.client_for("pmo")
    word = docx_text(client.get("/outcomes/gaps/docx/").content)
    assert "Sample framework: SAMPLE outcome 2" in word
    assert "No in-year measure (KPI) mapped" in word
    assert "SAMPLE: cost of services per resident: last published" in word
    assert "Stale data" in word
    assert "No data" in word
    assert "SAMPLE: invoices paid on time: no published value" in word
    # The metric published recently, and the KPI reported this month, leave no gap.
    assert "share of transactions completed online" not in word
    assert "Forms completed online" not in word
    assert "Not started" in word  # no self-assessment yet
    assert client.get("/outcomes/gaps/pdf/").status_code == 200


def test_a_second_framework_of_the_same_name_is_refused_beside_the_name(org, framework) -> None:  # type: ignore[no-untyped-def]
    response = _upload(org.client_for("pmo"), "sample FRAMEWORK", SAMPLE.read_bytes())
    assert response.status_code == 400
    page = response.content.decode().replace("&quot;", '"')
    assert 'The council already has a framework called "sample FRAMEWORK"' in page
    assert OutcomeFramework.objects.count() == 1


def _values_upload(client, framework, content: str):  # type: ignore[no-untyped-def]
    data = io.BytesIO(content.encode())
    data.name = "values.csv"
    return client.post(f"/outcomes/{framework.pk}/values/upload/", {"file": data})


def test_published_values_are_recorded_from_a_file(org, framework) -> None:  # type: ignore[no-untyped-def]
    outcome = framework.outcomes.get(order=2).title
    day = (clock.today() - timedelta(days=10)).strftime("%d/%m/%Y")
    content = (
        "Outcome,Metric,Period,Value,Source,Date published\n"
        f'"{outcome}",SAMPLE: cost of services per resident,2024/25,"1,204.5",ONS,{day}\n'
        f'"{outcome}",SAMPLE: invoices paid on time,Q2 2025/26,97,Council data,{day}\n'
    )
    response = _values_upload(org.client_for("pmo"), framework, content)
    assert response.status_code == 302
    values = MetricValue.objects.filter(metric__outcome__framework=framework)
    assert sorted(values.values_list("period", "value")) == [
        ("2024/25", Decimal("1204.5")),
        ("Q2 2025/26", Decimal("97")),
    ]


def test_a_bad_values_file_names_every_bad_cell_and_records_nothing(org, framework) -> None:  # type: ignore[no-untyped-def]
    outcome = framework.outcomes.get(order=2).title
    future = (clock.today() + timedelta(days=5)).isoformat()
    content = (
        "Outcome,Metric,Period,Value,Source,Date published\n"
        f'"{outcome}",SAMPLE: cost of services per resident,2024/25,12,ONS,2025-06-01\n'
        f'"{outcome}",No such metric,2024/25,12,ONS,2025-06-01\n'
        f'"{outcome}",SAMPLE: invoices paid on time,Q1,lots,,{future}\n'
        f'"{outcome}",SAMPLE: cost of services per resident,2024/25,13,ONS,June\n'
    )
    response = _values_upload(org.client_for("pmo"), framework, content)
    assert response.status_code == 400
    page = response.content.decode().replace("&quot;", '"')
    assert 'Row 3, Metric: "No such metric" is not a metric of the outcome' in page
    assert 'Row 4, Value: "lots" is not a number' in page
    assert "Row 4, Source: Enter the source" in page
    assert "Row 4, Date published: Must be today or in the past" in page
    assert 'Row 5, Date published: "June" is not a date' in page
    assert (
        "Row 5, Period: SAMPLE: cost of services per resident for 2024/25 is already on row 2"
        in page
    )
    assert not MetricValue.objects.exists()
