"""The defaults a council starts with: data it then edits in the app, never rules in code.

The feasibility questions are the seed's table, word for word. The seed names the technical
matrix and the pathway decision tree but does not print them, so these are sensible starting
points in its terms (customer impact, officer time, corporate plan, compliance, channel shift).
"""

from decimal import Decimal

# (question, weight, [(answer, points), ...])
MATRIX: tuple[tuple[str, Decimal, tuple[tuple[str, Decimal], ...]], ...] = (
    (
        "How many customers or staff does the process affect?",
        Decimal("1"),
        (
            ("Few (under 50 a year)", Decimal("2")),
            ("Some (50 to 500 a year)", Decimal("6")),
            ("Many (over 500 a year)", Decimal("10")),
        ),
    ),
    (
        "How much officer time could the improvement save?",
        Decimal("1"),
        (
            ("Little (under 50 hours a year)", Decimal("2")),
            ("Some (50 to 250 hours a year)", Decimal("6")),
            ("A lot (over 250 hours a year)", Decimal("10")),
        ),
    ),
    (
        "Does it support a corporate plan priority?",
        Decimal("1"),
        (("No", Decimal("0")), ("Partly", Decimal("5")), ("Directly", Decimal("10"))),
    ),
    (
        "Is there a compliance or legal risk in the current process?",
        Decimal("1"),
        (("None", Decimal("0")), ("Some", Decimal("5")), ("High", Decimal("10"))),
    ),
    (
        "Have customers given feedback about it (a low star rating or a complaint)?",
        Decimal("1"),
        (("No", Decimal("0")), ("Yes", Decimal("8"))),
    ),
    (
        "How complex is the technical work?",
        Decimal("1"),
        (
            ("Complex (a new system or several integrations)", Decimal("2")),
            ("Moderate (a new form with an integration)", Decimal("5")),
            ("Simple (a form or process change)", Decimal("8")),
        ),
    ),
    (
        "Can the process move online (channel shift)?",
        Decimal("1"),
        (("No", Decimal("0")), ("Partly", Decimal("4")), ("Fully", Decimal("8"))),
    ),
)

# Nodes by key: (question, yes -> key or pathway code, no -> key or pathway code).
# The first node is where the tree starts.
DECISION_TREE: tuple[tuple[str, str, str, str], ...] = (
    (
        "technical",
        "Does it need technical work such as integrations into back-office systems or a new "
        "database?",
        "small",
        "champion",
    ),
    (
        "small",
        "Can the improvement team deliver it in a few weeks with the service's help?",
        "QW",
        "PIP",
    ),
    (
        "champion",
        "Is there a trained green belt champion in the service area who can run it?",
        "GBC",
        "QW",
    ),
)

FEASIBILITY: tuple[tuple[str, str], ...] = (
    ("technical", "Does our current technology support the proposed solution?"),
    (
        "technical",
        "Do we have the technical competence to build the system or do we have the support and "
        "resource from external suppliers where required?",
    ),
    ("technical", "Can we support and maintain the system when it is in use?"),
    (
        "compliance",
        "Are there any legislative or statutory requirements involved in this process? (policy, "
        "regulations, standards, governance, requirements etc.)",
    ),
    (
        "organisational",
        "What impact will undergoing this project have on BAU and is this manageable?",
    ),
    (
        "organisational",
        "Do we as an organisation have the staff availability to develop new processes for this "
        "change? e.g. resources",
    ),
    (
        "customer",
        "Will this improvement be suitable for our back-office staff? Have we had any feedback "
        "from them requesting a change?",
    ),
    (
        "customer",
        "Will this improvement be suitable for our external customers? Have we had any feedback "
        "from them requesting a change?",
    ),
    (
        "economic",
        "Are any purchases or spending required? E.g., any additional systems or upgrades",
    ),
    ("economic", "If yes, what is the budget, and can we afford to do so?"),
    ("economic", "If yes, where will the budget come from?"),
    ("economic", "Will the improvement save staff time, improve performance or reduce costs?"),
    ("barriers", "What are our expected barriers and can we overcome these?"),
)
