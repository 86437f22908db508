from celery import shared_task


@shared_task(name="inovasi.send_deadline_reminders")
def send_deadline_reminders_task():
    from inovasi.reminders import send_deadline_reminders

    return send_deadline_reminders()
