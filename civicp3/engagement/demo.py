"""Demo data from seed 001's own facts (Key Information and section 1 VI and VIII), all
through the service functions."""

from datetime import date

from django.contrib.auth.models import User

from civicp3.engagement import services
from civicp3.engagement.models import ChampionAppointment, ServiceFeedback
from civicp3.organisation.models import Council

PGA = "Performance, Governance and Audit Committee"
OS = "Overview and Scrutiny Committee"
# "After the May 2023 elections, Cllr V J Bell and Cllr M E Thompson were appointed ... at the
# Performance, Governance and Audit Committee on 15th June 2023 and Cllr S J N Morgan and Cllr
# E L Stephens ... at the Overview and Scrutiny Committee on 1st August 2023." Appointed
# annually after the statutory annual council, so each term runs to the next one (May 2024).
APPOINTMENTS = (
    ("Cllr Vanessa Bell", PGA, date(2023, 6, 15)),
    ("Cllr Maddie Thompson", PGA, date(2023, 6, 15)),
    ("Cllr Simon Morgan", OS, date(2023, 8, 1)),
    ("Cllr Emma Stephens", OS, date(2023, 8, 1)),
)
# The success headlines' customer feedback quotes (section 1 VIII). The seed gives no star
# counts for them; the demo takes each as a top rating.
QUOTES = (
    "Very simple and straight forward",
    "Keep up the good work",
    "Completing the application was so much easier than I had anticipated! Having the correct "
    "paperwork to hand, as advised by yourselves, was a bonus too. Thank you",
    "Was far easier to complete than I thought.",
    "Life changing - Marvellous.",
)
# The work list's "1 star rating given" (request 26, council tax change of tenant).
ONE_STAR = (
    "Council tax: change of tenant",
    "I had to complete the form again for each of my properties rather than giving all the "
    "information in one go.",
)


def load_demo(council: Council) -> None:
    """Idempotent: the four 2023/24 member champions, the team's presentation to the
    champions on 10 March 2022 with the 2024 development actions, and customer feedback."""
    if ChampionAppointment.objects.for_council(council).exists():  # type: ignore[attr-defined]
        return
    team = User.objects.filter(username="improvement_team").first()
    for councillor, committee, appointed_on in APPOINTMENTS:
        services.appointment_save(
            council=council,
            actor=team,
            councillor=councillor,
            committee=committee,
            appointed_on=appointed_on,
            term_start=appointed_on,
        )
    meeting = services.meeting_record(
        council=council,
        actor=team,
        held_on=date(2022, 3, 10),
        notes="The process improvement team presented to the Improvement Member Champions how "
        "we want them to work with us in improving the customer journey on our website.",
    )
    # "Further development work on building insight in 2024 onwards", to the framework's
    # next review (31 March 2027), owned by the PMO & Improvement Manager.
    for text in (
        "Work more closely with our Member Champions and build their knowledge around the "
        "service we provide",
        "Find more ways to capture customer feedback and channel it into the work we are doing",
    ):
        services.action_add(
            meeting=meeting,
            actor=team,
            text=text,
            owner="Leigha Jones, PMO & Improvement Manager",
            due_on=date(2027, 3, 31),
        )
    if ServiceFeedback.objects.for_council(council).exists():  # type: ignore[attr-defined]
        return
    for quote in QUOTES:
        services.feedback_give(
            council=council, stars=5, comment=quote, service_area_text="Online forms"
        )
    services.feedback_give(
        council=council,
        stars=1,
        comment=ONE_STAR[1],
        service_area_text=ONE_STAR[0],
    )
