from celery import shared_task


@shared_task(name="events.send_event_reminders")
def send_event_reminders_task():
    from portal.events.reminders import send_event_reminders

    return send_event_reminders()
