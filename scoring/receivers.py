"""Every score-affecting write marks its period dirty, in the writer's transaction.

Model signals catch writes from every path (portal views, admin, shell); the few queryset
`.update()` calls that change score inputs (workflow status, verdict reset) send
`inovasi.signals.scores_affected`. Scoring registers these hooks: the records layer below
never imports it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from inovasi.models import Answer, Evidence, Inovasi
from inovasi.signals import scores_affected
from portal.accounts.models import Bidang, Opd
from portal.catalogue.models import Indicator, Period, Urusan
from scoring import dirty

Scope = dirty.Scope


def _period_going_away(kwargs):
    # Deleting a period cascades to its rows; marking it would point at a row being deleted.
    return isinstance(kwargs.get("origin"), Period)


def _period_of(answer):
    """The answer's period, without a query when the view already loaded its innovation or indicator."""
    if answer.inovasi_id and Answer.inovasi.is_cached(answer):
        return answer.inovasi.period_id
    if Answer.indicator.is_cached(answer):
        return answer.indicator.period_id
    return Indicator.objects.filter(pk=answer.indicator_id).values_list("period_id", flat=True).first()


def _mark_answer(answer, reason):
    period_id = _period_of(answer)
    if period_id is None:
        return
    if answer.inovasi_id:
        dirty.mark(period_id, Scope.INOVASI, reason, inovasi_id=answer.inovasi_id)
    else:
        dirty.mark(period_id, Scope.AGGREGATE, reason)  # a region-level (SPD) answer


@receiver(post_save, sender=Answer)
def answer_saved(sender, instance, **kwargs):
    _mark_answer(instance, "answer")


@receiver(post_delete, sender=Answer)
def answer_deleted(sender, instance, **kwargs):
    if not _period_going_away(kwargs):
        _mark_answer(instance, "answer deleted")


@receiver(post_save, sender=Evidence)
@receiver(post_delete, sender=Evidence)
def evidence_changed(sender, instance, **kwargs):
    if _period_going_away(kwargs):
        return
    if Evidence.answer.is_cached(instance):
        _mark_answer(instance.answer, "evidence")
        return
    answer = Answer.objects.filter(pk=instance.answer_id).only("indicator_id", "inovasi_id").first()
    if answer is not None:
        _mark_answer(answer, "evidence")


@receiver(post_save, sender=Inovasi)
@receiver(post_delete, sender=Inovasi)
def inovasi_changed(sender, instance, **kwargs):
    if not _period_going_away(kwargs):
        dirty.mark_inovasi(instance, "innovation")


@receiver(m2m_changed, sender=Inovasi.urusan_lain.through)
def inovasi_urusan_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Inovasi):
        dirty.mark_inovasi(instance, "urusan")


@receiver(post_save, sender=Indicator)
@receiver(post_delete, sender=Indicator)
def indicator_changed(sender, instance, **kwargs):
    if not _period_going_away(kwargs):
        dirty.mark(instance.period_id, Scope.FULL, "catalogue")


@receiver(post_save, sender=Period)
def period_changed(sender, instance, **kwargs):
    dirty.mark(instance.pk, Scope.FULL, "period rules")


@receiver(post_save, sender=Opd)
@receiver(post_save, sender=Bidang)
def unit_changed(sender, instance, **kwargs):
    dirty.mark_open_periods(Scope.AGGREGATE, "organisation")


@receiver(post_delete, sender=Bidang)
def bidang_deleted(sender, instance, **kwargs):
    # Its innovations lose their bidang without a signal of their own (SET NULL): rebuild all.
    dirty.mark_open_periods(Scope.FULL, "bidang deleted")


@receiver(post_save, sender=Urusan)
def urusan_changed(sender, instance, **kwargs):
    dirty.mark_open_periods(Scope.FULL, "urusan")


@receiver(scores_affected)
def records_changed(sender, inovasi, reason, **kwargs):
    dirty.mark_inovasi(inovasi, reason)
