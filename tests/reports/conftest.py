"""The reports are tested on the performance app's demo council."""

from tests.performance.conftest import demo

__all__ = ["demo"]
