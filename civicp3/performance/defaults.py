"""The seed's defaults a council starts with and may change: the cost of a contact per channel."""

from decimal import Decimal

from civicp3.organisation.models import Council
from civicp3.performance.models import Channel, ChannelCost

SOCITM = "Socitm benchmark of about 200 councils (average cost per transaction)"

CHANNEL_COSTS: dict[str, Decimal] = {
    Channel.FACE_TO_FACE: Decimal("8.62"),
    Channel.TELEPHONE: Decimal("2.83"),
    Channel.ONLINE: Decimal("0.15"),
}


def channel_costs_create(council: Council) -> None:
    """Give a new council its cost per contact in each channel, from the benchmark."""
    for channel, cost in CHANNEL_COSTS.items():
        ChannelCost.objects.get_or_create(
            council=council,
            channel=channel,
            defaults={"cost_per_contact": cost, "source": SOCITM},
        )
