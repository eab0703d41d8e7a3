"""What the register announces to the apps that follow it (they connect in their `ready()`)."""

from django.dispatch import Signal

# Sent inside the board-decision transaction with `decision` (portfolio.Decision) and `actor`,
# so the council-wide decisions log records every gate decision with the same meeting and date.
board_decided = Signal()
