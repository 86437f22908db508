"""Bappeda runs the year in the admin: windows, the catalogue copy, and indicators that have answers."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from portal.audit.models import AuditEntry
from portal.catalogue.models import Indicator, Period
from tests.inovasi.factories import add_evidence, current_period, make_inovasi, sid_indicator


def _period_form(period, **changes):
    fields = [
        "year",
        "name",
        "status",
        "sid_divisor_floor",
        "count_factor",
        "count_cap",
        "yandas_required",
        "band_very_innovative_above",
        "band_innovative_above",
        "opd_ranking_basis",
        "yandas_rule",
        "eligible_from",
        "eligible_until",
        "rules_note",
    ]
    data = {name: getattr(period, name) for name in fields}
    data.update({"is_current": "on" if period.is_current else ""})
    data.update({"rejected_count_in_n": "on" if period.rejected_count_in_n else ""})
    data.update({"kepala_endorsement": "on" if period.kepala_endorsement else ""})
    data.update({"profile_items": period.profile_items})
    for name in ("entry_opens_at", "entry_closes_at", "review_deadline"):
        value = timezone.localtime(getattr(period, name)) if getattr(period, name) else None
        data[f"{name}_0"] = value.strftime("%Y-%m-%d") if value else ""
        data[f"{name}_1"] = value.strftime("%H:%M:%S") if value else ""
    data.update({"indicators-TOTAL_FORMS": 0, "indicators-INITIAL_FORMS": 0, **changes})
    return data


def test_extending_the_window_is_audited_with_before_and_after(client, personas):
    period = current_period()
    old_close = timezone.localtime(period.entry_closes_at)
    new_close = old_close + timedelta(days=21)
    client.force_login(personas.admin)
    response = client.post(
        reverse("admin:catalogue_period_change", args=[period.pk]),
        _period_form(
            period, entry_closes_at_0=new_close.strftime("%Y-%m-%d"), entry_closes_at_1=old_close.strftime("%H:%M:%S")
        ),
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert timezone.localtime(period.entry_closes_at).date() == new_close.date()
    entry = AuditEntry.objects.get(object_type="catalogue.Period", action="update")
    assert list(entry.after) == ["entry_closes_at"]
    assert entry.actor_name == "admin"


def test_copying_a_catalogue_creates_next_year_with_the_same_indicators_and_constants(client, personas):
    period = Period.objects.get(year=2026)
    client.force_login(personas.admin)
    client.post(
        reverse("admin:catalogue_period_changelist"), {"action": "copy_to_next_year", "_selected_action": [period.pk]}
    )
    copy = Period.objects.get(year=2027)
    assert (copy.status, copy.is_current, copy.sid_divisor_floor, copy.yandas_required) == ("preparing", False, 12, 5)
    assert copy.indicators.count() == period.indicators.count() == 40
    assert (copy.maximum("sid"), copy.maximum("spd"), copy.total_maximum) == (111, 63, 250)


def test_an_indicator_with_answers_cannot_be_deleted_only_archived(client, personas):
    period = current_period()
    indicator = sid_indicator(period, 18)
    inovasi = make_inovasi(personas.opd_a, personas.operator_a, period)
    add_evidence(inovasi, indicator, personas.operator_a)
    client.force_login(personas.admin)
    response = client.post(reverse("admin:catalogue_indicator_delete", args=[indicator.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_an_archived_indicator_leaves_the_maximum(personas):
    period = current_period()
    indicator = sid_indicator(period, 18)
    indicator.is_archived = True
    indicator.save()
    assert period.maximum("sid") == 111 - indicator.bobot * 3


def test_the_admin_ticks_the_items_the_years_form_asks(client, personas):
    period = current_period()
    client.force_login(personas.admin)
    url = reverse("admin:catalogue_period_change", args=[period.pk])
    response = client.post(url, _period_form(period, profile_items=["lokasi", "haki"], kepala_endorsement=""))
    assert response.status_code == 302
    period.refresh_from_db()
    assert (period.profile_items, period.kepala_endorsement) == (["lokasi", "haki"], False)
