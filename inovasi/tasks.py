from celery import shared_task


@shared_task(name="inovasi.send_deadline_reminders")
def send_deadline_reminders_task():
    from inovasi.reminders import send_deadline_reminders

    return send_deadline_reminders()


@shared_task(name="inovasi.build_export", acks_late=True, soft_time_limit=600, time_limit=660)
def build_export_task(job_id):
    """Thin: the job row says what to build (see inovasi.exports.jobs)."""
    from inovasi.exports.jobs import run

    job = run(job_id)
    return job and job.status
