"""Demo data for the toolkit: the seed's eight service risks (section 9) and default matrix."""

import csv
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from civicp3.organisation.models import Council, ServiceArea
from civicp3.toolkit import services
from civicp3.toolkit.models import Risk, RiskAction, RiskLevel

SERVICE_RISKS = Path(__file__).resolve().parents[1] / "demo_data" / "maldon-service-risks-2024.csv"
# The seed's risks are the PMO and Improvements service's own; they go to a service area of
# one of these names where the council has one, and to no particular service area otherwise.
PMO_SERVICE_AREAS = ("PMO and Improvements", "Programmes, Performance and Governance")


@transaction.atomic
def load_demo(council: Council) -> None:
    """Load the council's eight service risks with their mitigating actions. Running it again
    changes nothing."""
    area = ServiceArea.objects.filter(council=council, name__in=PMO_SERVICE_AREAS).first()
    review = timezone.localdate() + timedelta(days=90)
    with SERVICE_RISKS.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            title = row["risk"].strip()
            if Risk.objects.filter(council=council, register=RiskLevel.SERVICE, title=title):
                continue
            likelihood, impact = int(row["likelihood"]), int(row["impact"])
            risk = services.risk_save(
                council=council,
                register=RiskLevel.SERVICE,
                fields={
                    "title": title,
                    "owner": "PMO and Improvements",
                    "likelihood": likelihood,
                    "impact": impact,
                    "target_likelihood": max(1, likelihood - 1),
                    "target_impact": impact,
                    "review_date": review,
                    "service_area": area,
                },
                actor=None,
            )
            if not RiskAction.objects.filter(risk=risk).exists():
                services.risk_action_save(
                    risk=risk,
                    fields={"action": row["mitigating_actions"].strip(), "owner": "PMO"},
                    actor=None,
                )
