"""Stored scores: exact values for the hand-worked innovations, dirty marks on every write, idempotent runs."""

import io
from decimal import Decimal as D

import psycopg2
import pytest
from celery.exceptions import Retry
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction

from inovasi.models import Answer, Evidence, Inovasi
from inovasi.verification import reset_verification, verify
from inovasi.workflow import transition
from portal.catalogue.models import Basis, YandasRule
from scoring import calculate, dirty, recompute
from scoring.models import CityScore, DirtyMark, InovasiScore, OpdScore, ScorePoint, ScoreState
from tests.inovasi.factories import add_evidence, sid_indicator
from tests.scoring.world import S, answer, build, with_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def hand_worked_innovations(personas):
    return build(personas)


def stored(period):
    """Everything the recompute writes, as plain values (to compare two ways of getting there)."""
    return {
        "innovations": sorted(
            InovasiScore.objects.filter(period=period).values_list("inovasi_id", "claimed", "verified", "lever_gain")
        ),
        "opds": sorted(OpdScore.objects.filter(period=period).values_list("opd_id", "score", "rank", "sid_points")),
        "city": sorted(
            CityScore.objects.filter(period=period).values_list("basis", "n", "maturity_sum", "iid", "band")
        ),
        "targets": _without_path_time(ScoreState.objects.get(period=period).targets),
    }


def _without_path_time(targets):
    """The targets but when the path was computed (two runs reach the same path at different times)."""
    path = {key: value for key, value in targets.get("path", {}).items() if key != "computed_at"}
    return {**targets, "path": path}


def test_the_hand_worked_world_is_stored_exactly(hand_worked_innovations):
    done = recompute.run(hand_worked_innovations.period.pk, full=True)
    assert done.mode == "full"
    rows = {
        s.inovasi_id: (s.claimed, s.verified, s.in_claimed, s.in_verified, s.rejected)
        for s in InovasiScore.objects.all()
    }
    assert rows == {
        hand_worked_innovations.x.pk: (D(17), D(14), True, True, False),
        hand_worked_innovations.y.pk: (D(3), D(0), True, False, False),
        hand_worked_innovations.z.pk: (D(9), D(0), True, True, True),
        hand_worked_innovations.d.pk: (D(3), D(0), False, False, False),
    }
    claimed = CityScore.objects.get(period=hand_worked_innovations.period, basis=Basis.CLAIMED)
    # Σ 17 + 3 (Z rejected adds 0), n = 3 (X, Y, Z), divisor MAX(12, 3) = 12, 1 urusan covered: no count score.
    assert (claimed.maturity_sum, claimed.n, claimed.divisor, claimed.yandas_covered, claimed.count_score) == (
        D(20),
        3,
        12,
        1,
        D(0),
    )
    assert (claimed.sid, claimed.iid, claimed.band) == (D("1.6667"), D("0.67"), "kurang_inovatif")
    verified = CityScore.objects.get(period=hand_worked_innovations.period, basis=Basis.VERIFIED)
    assert (verified.maturity_sum, verified.n, verified.sid, verified.iid) == (D(14), 2, D("1.1667"), D("0.47"))
    ranking = list(
        OpdScore.objects.filter(period=hand_worked_innovations.period).values_list(
            "opd__name", "score", "verified_n", "rank"
        )
    )
    assert ranking == [("Dinas Uji A", D(14), 2, 1), ("Puskesmas Uji B", D(0), 0, 2)]
    opd_a = OpdScore.objects.get(period=hand_worked_innovations.period, opd=hand_worked_innovations.opd_a)
    assert (opd_a.sid_points, opd_a.sid_share) == (D("1.1667"), D(100))
    state = ScoreState.objects.get(period=hand_worked_innovations.period)
    targets = dict(state.targets)
    # The path to the next band, and when it was computed: tests/scoring/test_path_stored.py.
    assert set(targets.pop("path")) == {"klaim", "terverifikasi", "computed_at"}
    assert targets == {
        "opds_total": 2,
        "opds_with": 2,
        "opds_without": [],
        "bidang_total": 1,
        "bidang_with": 0,
        "yandas_total": 6,
        "yandas_covered": [calculate.yandas_ids()[1]],
    }
    assert (state.computed_at is not None, state.version > 0, state.runs, state.last_mode) == (True, True, 1, "full")
    assert not DirtyMark.objects.filter(period=hand_worked_innovations.period).exists()


def test_each_innovation_stores_its_best_single_raise(hand_worked_innovations):
    """The best raise per innovation is what the OPD levers of the path add up."""
    recompute.run(hand_worked_innovations.period.pk, full=True)
    raises = dict(InovasiScore.objects.values_list("inovasi_id", "lever_gain"))
    # Y has nothing on indicator 35 (bobot 4): 4 × 3 = 12 points of maturity.
    assert raises[hand_worked_innovations.y.pk] == D(12)
    # X's best: an unanswered bobot-3 indicator, 3 × 3 = 9.
    assert raises[hand_worked_innovations.x.pk] == D(9)


def test_claimed_and_verified_follow_the_answers(hand_worked_innovations):
    recompute.run(hand_worked_innovations.period.pk, full=True)
    # The reviewer lowers indicator 35 of X to 1: verified 6 + 4 = 10, claimed unchanged.
    Answer.objects.filter(
        inovasi=hand_worked_innovations.x, indicator=sid_indicator(hand_worked_innovations.period, 35)
    ).update(verified_level=1)
    dirty.mark_inovasi(hand_worked_innovations.x, "test")
    recompute.run(hand_worked_innovations.period.pk)
    assert InovasiScore.objects.filter(pk=hand_worked_innovations.x.pk).values_list("claimed", "verified").get() == (
        D(17),
        D(10),
    )
    # Evidence removed: that level counts 0 in both.
    Evidence.objects.filter(answer__inovasi=hand_worked_innovations.x, answer__indicator__number="16").delete()
    recompute.run(hand_worked_innovations.period.pk)
    assert InovasiScore.objects.filter(pk=hand_worked_innovations.x.pk).values_list("claimed", "verified").get() == (
        D(8),
        D(4),
    )


def test_every_score_affecting_write_marks_its_period(hand_worked_innovations):
    period = hand_worked_innovations.period
    DirtyMark.objects.all().delete()

    def marks():
        found = list(DirtyMark.objects.order_by("pk").values_list("period_id", "scope", "inovasi_id"))
        DirtyMark.objects.all().delete()
        return set(found)

    one = {(period.pk, "inovasi", hand_worked_innovations.y.pk)}
    add_evidence(hand_worked_innovations.y, sid_indicator(period, 17), hand_worked_innovations.operator_b, level=2)
    assert marks() == one
    Evidence.objects.filter(answer__inovasi=hand_worked_innovations.y).first().delete()
    assert marks() == one
    hand_worked_innovations.y.name = "Y baru"
    hand_worked_innovations.y.save()
    assert marks() == one
    hand_worked_innovations.y.urusan_lain.add(*calculate.yandas_ids()[:2])
    assert marks() == one
    transition(hand_worked_innovations.y, S.IN_REVIEW, actor=hand_worked_innovations.pendamping)
    assert marks() == one
    answer_16 = Answer.objects.get(inovasi=hand_worked_innovations.y, indicator__number="16")
    verify(answer_16, actor=hand_worked_innovations.pendamping, verification="sesuai", verified_level=1)
    assert marks() == one
    reset_verification(answer_16)
    assert marks() == one
    spd = period.indicators.filter(scope="spd").first()
    Answer.objects.create(indicator=spd, inovasi=None, level=2)
    assert marks() == {(period.pk, "aggregate", None)}
    spd.bobot = D(2)
    spd.save()
    assert marks() == {(period.pk, "full", None)}
    period.count_cap = 150
    period.save()
    assert marks() == {(period.pk, "full", None)}
    hand_worked_innovations.opd_b.is_active = False
    hand_worked_innovations.opd_b.save()
    in_use = set(type(period).objects.exclude(status="archived").values_list("pk", flat=True))
    assert marks() == {(pk, "aggregate", None) for pk in in_use}


def test_a_rolled_back_write_leaves_no_mark(hand_worked_innovations):
    DirtyMark.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        hand_worked_innovations.x.name = "gagal"
        hand_worked_innovations.x.save()
        assert DirtyMark.objects.count() == 1
        raise RuntimeError
    assert DirtyMark.objects.count() == 0
    assert Inovasi.objects.get(pk=hand_worked_innovations.x.pk).name == "X"


def test_a_transaction_queues_one_recompute_per_period(hand_worked_innovations):
    for level in (1, 2, 3):
        answer(hand_worked_innovations.y, 16, level, hand_worked_innovations.operator_b)
    # The test's transaction holds all the fixture's writes and these three: still one callback per period.
    queued = [getattr(callback, "period_id", None) for _sids, callback, _robust in connection.run_on_commit]
    assert sorted(pk for pk in queued if pk) == sorted(DirtyMark.objects.values_list("period_id", flat=True).distinct())


def test_incremental_runs_end_where_recompute_scores_ends(hand_worked_innovations):
    hand_worked_innovations.period.yandas_rule = YandasRule.MAIN_AND_IRISAN  # X's irisan urusan count below
    hand_worked_innovations.period.save()
    recompute.run(hand_worked_innovations.period.pk, full=True)
    answer(hand_worked_innovations.y, 35, 3, hand_worked_innovations.operator_b)
    answer(hand_worked_innovations.d, 16, 3, hand_worked_innovations.operator_b)
    with_status(hand_worked_innovations.d, S.SUBMITTED)
    dirty.mark_inovasi(hand_worked_innovations.d, "status")
    hand_worked_innovations.x.urusan_lain.add(*calculate.yandas_ids())
    hand_worked_innovations.z.deleted_at = hand_worked_innovations.z.updated_at
    hand_worked_innovations.z.save()
    done = recompute.run(hand_worked_innovations.period.pk)
    assert done.mode == "incremental"
    incremental = stored(hand_worked_innovations.period)
    call_command("recompute_scores", "--year", "2026", stdout=io.StringIO())
    assert stored(hand_worked_innovations.period) == incremental
    assert ScoreState.objects.get(period=hand_worked_innovations.period).drift["innovations"] == 0
    # Z (deleted) left the sums; X now covers all 6 urusan, so the count score applies: 0.38 × 3.
    claimed = CityScore.objects.get(period=hand_worked_innovations.period, basis=Basis.CLAIMED)
    assert (claimed.n, claimed.maturity_sum, claimed.yandas_covered, claimed.count_score) == (
        3,
        D(17 + 15 + 9),
        6,
        D("1.14"),
    )


def test_a_second_run_changes_nothing_and_a_clean_period_is_left_alone(hand_worked_innovations):
    first = recompute.run(hand_worked_innovations.period.pk, full=True)
    before, points = stored(hand_worked_innovations.period), ScorePoint.objects.count()
    again = recompute.run(hand_worked_innovations.period.pk, full=True)
    assert (again.innovations_changed, stored(hand_worked_innovations.period), ScorePoint.objects.count()) == (
        0,
        before,
        points,
    )
    assert recompute.run(hand_worked_innovations.period.pk) is None  # nothing dirty
    assert ScoreState.objects.get(period=hand_worked_innovations.period).runs == 2
    assert first.innovations_changed == 4


def test_the_full_check_reports_and_repairs_drift(hand_worked_innovations):
    recompute.run(hand_worked_innovations.period.pk, full=True)
    InovasiScore.objects.filter(pk=hand_worked_innovations.x.pk).update(claimed=D(99))
    CityScore.objects.filter(basis=Basis.CLAIMED).update(iid=D(50))
    done = recompute.run(hand_worked_innovations.period.pk, full=True)
    assert done.drift == {
        "innovations": 1,
        "innovation_ids": [hand_worked_innovations.x.pk],
        "city": {"klaim": "49.3300"},  # 50 − 0,67 (as published), stored at 4 places
        "pending": 0,
    }
    assert InovasiScore.objects.get(pk=hand_worked_innovations.x.pk).claimed == D(17)


def test_a_run_leaves_a_period_locked_by_another_run_alone(hand_worked_innovations):
    recompute.run(hand_worked_innovations.period.pk, full=True)
    dirty.mark_inovasi(hand_worked_innovations.x, "test")
    database = settings.DATABASES["default"]
    other = psycopg2.connect(
        dbname=connection.settings_dict["NAME"], user=database["USER"], host=database["HOST"], port=database["PORT"]
    )
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_lock(%s, %s)", [recompute.LOCK_NAMESPACE, hand_worked_innovations.period.pk]
            )
        assert recompute.run(hand_worked_innovations.period.pk) is None
        assert DirtyMark.objects.filter(period=hand_worked_innovations.period).count() == 1
    finally:
        # Unlock before closing: a closed session's locks are freed only once its backend has exited,
        # which may be after the next line has already asked for the lock.
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_unlock(%s, %s)", [recompute.LOCK_NAMESPACE, hand_worked_innovations.period.pk]
            )
        other.close()
    assert recompute.run(hand_worked_innovations.period.pk).mode == "incremental"


def test_the_path_task_waits_while_a_run_holds_the_period(hand_worked_innovations):
    from scoring.tasks import plan_period_task

    period = hand_worked_innovations.period
    recompute.run(period.pk, full=True)
    before = ScoreState.objects.get(period=period).targets["path"]
    database = settings.DATABASES["default"]
    other = psycopg2.connect(
        dbname=connection.settings_dict["NAME"], user=database["USER"], host=database["HOST"], port=database["PORT"]
    )
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [recompute.LOCK_NAMESPACE, period.pk])
        assert recompute.plan(period.pk) is False
        with pytest.raises(Retry):  # the task asks to run again later
            plan_period_task.apply(args=[period.pk], throw=True)
        assert ScoreState.objects.get(period=period).targets["path"] == before
    finally:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [recompute.LOCK_NAMESPACE, period.pk])
        other.close()
    assert recompute.plan(period.pk) is True
    assert ScoreState.objects.get(period=period).targets["path"]["computed_at"] > before["computed_at"]


def test_the_sweep_recomputes_every_dirty_period(hand_worked_innovations):
    dirty.mark_inovasi(hand_worked_innovations.x, "lost task")
    runs = recompute.run_dirty_periods()
    assert [(r.period_id, r.mode) for r in runs] == [
        (hand_worked_innovations.period.pk, "full")
    ]  # never computed before: full
    assert recompute.run_dirty_periods() == []


def test_a_trend_point_per_run_that_moved_the_index(hand_worked_innovations):
    recompute.run(hand_worked_innovations.period.pk, full=True)
    answer(hand_worked_innovations.y, 35, 3, hand_worked_innovations.operator_b)
    recompute.run(hand_worked_innovations.period.pk)
    city = list(ScorePoint.objects.filter(opd=None, basis=Basis.CLAIMED).values_list("value", flat=True))
    # 0,67, then Y adds 12: Σ 32 / 12 / 250 × 100 = 1,0667, published 1,07.
    assert city == [D("0.67"), D("1.07")]
    opd_b = list(ScorePoint.objects.filter(opd=hand_worked_innovations.opd_b).values_list("value", flat=True))
    assert opd_b == [D(0)]  # the verified ranking score of OPD B did not move


def test_a_broker_that_cannot_be_reached_never_fails_the_save(hand_worked_innovations, settings, monkeypatch, caplog):
    from scoring.tasks import recompute_period_task

    def unreachable(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setitem(recompute_period_task.app.conf, "task_always_eager", False)
    monkeypatch.setattr(recompute_period_task, "apply_async", unreachable)
    dirty.schedule(hand_worked_innovations.period.pk)
    assert "the sweep will do it" in caplog.text


def test_scheduling_is_coalesced_within_a_window(hand_worked_innovations, settings, monkeypatch):
    from scoring.tasks import recompute_period_task

    queued = []
    monkeypatch.setitem(recompute_period_task.app.conf, "task_always_eager", False)
    monkeypatch.setattr(recompute_period_task, "apply_async", lambda args, countdown: queued.append((args, countdown)))
    for _ in range(50):
        dirty.schedule(hand_worked_innovations.period.pk)
    # One run at once (the leading edge), one at the window's end for the other 49 (the trailing edge).
    assert queued == [
        ((hand_worked_innovations.period.pk,), 0),
        ((hand_worked_innovations.period.pk,), 1 + dirty.TRAILING_MARGIN),
    ]


def test_the_first_change_after_a_quiet_window_is_queued_at_once(hand_worked_innovations, settings, monkeypatch):
    from scoring.tasks import recompute_period_task

    queued = []
    monkeypatch.setitem(recompute_period_task.app.conf, "task_always_eager", False)
    monkeypatch.setattr(recompute_period_task, "apply_async", lambda args, countdown: queued.append(countdown))
    dirty.schedule(hand_worked_innovations.period.pk)
    cache.delete_many(dirty._window_keys(hand_worked_innovations.period.pk))  # the window has passed
    dirty.schedule(hand_worked_innovations.period.pk)
    dirty.schedule(hand_worked_innovations.period.pk)
    assert queued == [0, 0, 1 + dirty.TRAILING_MARGIN]


def test_a_burst_that_goes_on_gets_trailing_runs_only(hand_worked_innovations, settings, monkeypatch):
    from scoring.tasks import recompute_period_task

    queued = []
    monkeypatch.setitem(recompute_period_task.app.conf, "task_always_eager", False)
    monkeypatch.setattr(recompute_period_task, "apply_async", lambda args, countdown: queued.append(countdown))
    dirty.schedule(hand_worked_innovations.period.pk)
    dirty.schedule(hand_worked_innovations.period.pk)
    _leading, trailing = dirty._window_keys(hand_worked_innovations.period.pk)
    cache.delete(trailing)  # the trailing run has started; the changes go on
    dirty.schedule(hand_worked_innovations.period.pk)
    dirty.schedule(hand_worked_innovations.period.pk)
    assert queued == [0, 1 + dirty.TRAILING_MARGIN, 1 + dirty.TRAILING_MARGIN]


def test_a_renamed_innovation_is_renamed_in_the_path(hand_worked_innovations):
    recompute.run(hand_worked_innovations.period.pk, full=True)
    hand_worked_innovations.y.name = "Y bernama baru"
    hand_worked_innovations.y.save()
    recompute.run(hand_worked_innovations.period.pk)
    path = ScoreState.objects.get(period=hand_worked_innovations.period).targets["path"]
    verify = next(lever for lever in path["terverifikasi"]["levers"] if lever["kind"] == "verify")
    assert verify["subjects"] == [{"id": hand_worked_innovations.y.pk, "name": "Y bernama baru"}]


def test_a_rolled_back_savepoint_takes_its_callback_and_the_next_write_registers_again(hand_worked_innovations):
    other = type(hand_worked_innovations.period).objects.get(year=2023)

    def queued():
        return [cb.period_id for _sids, cb, _robust in connection.run_on_commit if hasattr(cb, "period_id")]

    with pytest.raises(RuntimeError), transaction.atomic():
        dirty.mark(other.pk, dirty.Scope.FULL, "test")
        assert queued().count(other.pk) == 1
        raise RuntimeError
    assert queued().count(other.pk) == 0  # gone with its savepoint
    dirty.mark(other.pk, dirty.Scope.FULL, "test")
    dirty.mark(other.pk, dirty.Scope.FULL, "test")
    assert queued().count(other.pk) == 1
