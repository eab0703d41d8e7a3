"""Puts a process the tests start on the tests' clock (see tests/clock.py).

Python imports `sitecustomize` at start-up from its path; the tests put this folder on
PYTHONPATH. The parent says which instant its clock showed at which real time, and this process
starts at the instant the parent's clock shows now, ticking from there.
"""

import os

_clock = os.environ.get("CIVICP3_TEST_CLOCK")
if _clock:
    import time
    from datetime import datetime, timedelta

    import time_machine

    _instant, _, _started = _clock.partition("@")
    _now = datetime.fromisoformat(_instant) + timedelta(
        seconds=time.time() - float(_started)  # the real time: no travel has started yet
    )
    time_machine.travel(_now, tick=True).start()
