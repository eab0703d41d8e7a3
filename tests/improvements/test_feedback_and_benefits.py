"""Customers' star ratings before and after go-live; benefits at closure; success headlines."""

from datetime import timedelta
from decimal import Decimal

import pytest

from civicp3.improvements.models import Rating
from civicp3.improvements.selectors import ratings_for, success_headlines
from civicp3.improvements.services import (
    IllegalTransition,
    ImprovementError,
    improvement_close_with_benefits,
    improvement_transition,
    officer_time_value,
    rating_give,
    rating_url,
    requester_token,
)
from civicp3.organisation.models import WageRate
from tests import clock
from tests.improvements.conftest import make_request

pytestmark = pytest.mark.django_db


def test_ratings_are_averaged_before_and_after_go_live(org):
    improvement = make_request(org.a, "live", went_live_at=clock.now())
    token = requester_token(improvement=improvement)
    before = rating_give(improvement=improvement, token=token, stars=1, comment="Confusing")
    Rating.objects.filter(pk=before.pk).update(created=clock.now() - timedelta(days=30))
    rating_give(improvement=improvement, token=token, stars=4)
    rating_give(improvement=improvement, token=token, stars=5)
    ratings = ratings_for(improvement)
    assert (ratings.before.count, ratings.before.average) == (1, Decimal("1.0"))
    assert (ratings.after.count, ratings.after.average) == (2, Decimal("4.5"))


def test_the_public_rating_page_needs_no_sign_in_and_checks_the_stars(org, client):
    url = rating_url(improvement=make_request(org.a, "live"))
    assert client.get(url).status_code == 200
    assert "Select a rating from 1 to 5 stars" in client.post(url, {}).content.decode()
    assert "Thank you for your feedback" in client.post(url, {"stars": "3"}).content.decode()
    assert Rating.objects.get().stars == 3
    client.post(url, {"stars": "5", "website": "spam"})
    assert Rating.objects.count() == 1
    assert client.get(url.replace("/alpha/", "/beta/")).status_code == 404


def test_officer_time_is_valued_at_the_wage_rate_plus_on_cost():
    assert officer_time_value(Decimal("100"), Decimal("20"), Decimal("30")) == Decimal("2600.00")


def test_closing_a_live_improvement_records_benefits_into_the_headlines(org):
    rate = WageRate.objects.create(council=org.a, grade="Scale 5", hourly_cost=Decimal("20"))
    improvement = make_request(org.a, "live", went_live_at=clock.now())
    with pytest.raises(
        ImprovementError,
        match=r"IMP-0001 cannot be closed yet\. First record the benefits it delivered",
    ):
        improvement_transition(improvement=improvement, to="closed", actor=None, reason="Done")
    improvement_close_with_benefits(
        improvement=improvement,
        hours_saved_per_year=Decimal("750"),
        wage_rate=rate,
        one_off_costs=Decimal("250"),
        cashable_savings=Decimal("1200"),
        online_form_delivered=True,
        actor=None,
    )
    improvement.refresh_from_db()
    assert improvement.status == "closed"
    headlines = success_headlines(org.a)
    assert headlines.improvements_delivered == 1
    assert headlines.online_forms_delivered == 1
    assert headlines.hours_saved == Decimal("750")
    assert headlines.working_days == Decimal("100")
    assert headlines.officer_time_value == Decimal("19500.00")
    assert headlines.cashable_savings == Decimal("1200")
    assert success_headlines(org.b).improvements_delivered == 0


def close_with_an_hour_saved(improvement, rate):
    return improvement_close_with_benefits(
        improvement=improvement,
        hours_saved_per_year=Decimal("1"),
        wage_rate=rate,
        one_off_costs=Decimal("0"),
        cashable_savings=Decimal("0"),
        online_form_delivered=False,
        actor=None,
    )


def test_benefits_are_only_recorded_for_a_live_improvement(org):
    rate = WageRate.objects.create(council=org.a, grade="Scale 5", hourly_cost=Decimal("20"))
    improvement = make_request(org.a, "in_delivery")
    with pytest.raises(IllegalTransition, match="Benefits are recorded when a live improvement"):
        close_with_an_hour_saved(improvement, rate)


def test_another_councils_wage_rate_is_refused(org):
    theirs = WageRate.objects.create(council=org.b, grade="Scale 5", hourly_cost=Decimal("20"))
    improvement = make_request(org.a, "live", went_live_at=clock.now())
    with pytest.raises(ImprovementError, match="Select one of this council's wage rates"):
        close_with_an_hour_saved(improvement, theirs)


def test_the_dashboard_shows_the_success_headlines(org):
    response = org.client_for("board_member").get("/improvements/dashboard/")
    assert "Improvements delivered" in response.content.decode()
    assert org.client_for("staff").get("/improvements/dashboard/").status_code == 403
