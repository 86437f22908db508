"""Bappeda's review queue: oldest first, waiting days, each reviewer's workload, a flat query count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inovasi.models import Inovasi, StatusChange
from inovasi.queue import review_queue, workloads
from tests.inovasi.factories import current_period, make_inovasi

S = Inovasi.Status


def _waiting(personas, period, name, days_ago, status=S.SUBMITTED, actor=None):
    inovasi = make_inovasi(personas.opd_a, personas.operator_a, period, name=name)
    Inovasi.objects.filter(pk=inovasi.pk).update(status=status)
    change = StatusChange.objects.create(
        inovasi=inovasi, from_status=S.DRAFT, to_status=status, actor=actor or personas.operator_a
    )
    StatusChange.objects.filter(pk=change.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return inovasi


def test_the_queue_is_oldest_first_with_waiting_days(client, personas):
    period = current_period()
    _waiting(personas, period, "Baru", 1)
    _waiting(personas, period, "Lama", 9)
    _waiting(personas, period, "Sedang direviu", 4, status=S.IN_REVIEW, actor=personas.pendamping)
    make_inovasi(personas.opd_b, personas.operator_b, period, name="Masih draf")
    client.force_login(personas.pendamping)
    queue = client.get(reverse("review-queue")).context["queue"]
    assert [(i.name, i.waiting_days) for i in queue] == [("Lama", 9), ("Sedang direviu", 4), ("Baru", 1)]


def test_workload_counts_open_reviews_and_the_median_turnaround(personas):
    period = current_period()
    _waiting(personas, period, "Sedang direviu", 2, status=S.IN_REVIEW, actor=personas.pendamping)
    for name, days in (("Cepat", 2), ("Lambat", 6)):
        inovasi = _waiting(personas, period, name, days + 1)
        decision = StatusChange.objects.create(
            inovasi=inovasi, from_status=S.IN_REVIEW, to_status=S.APPROVED, actor=personas.pendamping
        )
        StatusChange.objects.filter(pk=decision.pk).update(created_at=timezone.now() - timedelta(days=1))
        Inovasi.objects.filter(pk=inovasi.pk).update(status=S.APPROVED)
    queue = review_queue(period)
    loads = workloads(period, queue, [personas.pendamping, personas.admin])
    assert [(w.reviewer.username, w.open_items, w.decided, w.median_days) for w in loads] == [
        ("pendamping", 1, 2, 4.0),
        ("admin", 0, 0, None),
    ]


@pytest.mark.parametrize("count", [1, 30])
def test_the_queue_page_runs_the_same_queries_for_1_and_30_items(client, personas, count, django_assert_num_queries):
    period = current_period()
    for number in range(count):
        _waiting(personas, period, f"Inovasi {number}", number + 1)
    client.force_login(personas.pendamping)
    client.get(reverse("review-queue"))
    with django_assert_num_queries(8):
        client.get(reverse("review-queue"))


def test_the_queue_is_bappedas_only(client, personas):
    for name, status in (
        ("operator_a", 404),
        ("kepala_a", 404),
        ("pimpinan", 404),
        ("pendamping", 200),
        ("admin", 200),
    ):
        client.force_login(personas.by_name(name))
        assert client.get(reverse("review-queue")).status_code == status, name
