import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="notices.send_notice_email", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notice_email_task(*, notice_id):
    from portal.notices.models import Notice
    from portal.notices.send import send_notice_email

    notice = Notice.objects.select_related("recipient").filter(pk=notice_id).first()
    if notice is None:
        logger.info("Notice %s no longer exists; nothing to mail", notice_id)
        return
    send_notice_email(notice)


@shared_task(name="notices.send_daily_digests")
def send_daily_digests_task():
    from portal.notices.digest import send_daily_digests

    return send_daily_digests()


@shared_task(name="notices.sweep_unsent")
def sweep_unsent_task():
    """Mail single notices whose task was lost (broker down at commit time)."""
    from portal.notices.digest import sweep_unsent

    return sweep_unsent()
