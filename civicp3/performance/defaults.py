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


def ensure_channel_costs(council: Council) -> dict[str, ChannelCost]:
    """The council's cost per contact in each channel, created from the benchmark once."""
    costs = {}
    for channel, cost in CHANNEL_COSTS.items():
        costs[channel], _ = ChannelCost.objects.get_or_create(
            council=council,
            channel=channel,
            defaults={"cost_per_contact": cost, "source": SOCITM},
        )
    return costs
