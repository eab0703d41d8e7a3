"""Pure domain maths for Civic P3: scheduling, forecasting, earned value, portfolio selection.

Nothing in this package imports Django, so it can be tested, benchmarked and reused on its own.
"""
