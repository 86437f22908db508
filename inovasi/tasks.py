from celery import shared_task


@shared_task(name="inovasi.send_deadline_reminders")
def send_deadline_reminders_task():
    from inovasi.reminders import send_deadline_reminders

    return send_deadline_reminders()


@shared_task(name="inovasi.sweep_pending_uploads")
def sweep_pending_uploads_task():
    from inovasi.pending_uploads import sweep

    return sweep()
