from celery import shared_task


@shared_task(name="inovasi.build_export", acks_late=True, soft_time_limit=600, time_limit=660)
def build_export_task(job_id):
    """Thin: the job row says what to build (see inovasi.exports.jobs)."""
    from inovasi.exports.jobs import run  # jobs imports this module to queue the task

    job = run(job_id)
    return job and job.status
