from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from inovasi.notify import reviewers
from inovasi.queue import is_overdue, review_queue, workloads
from portal.accounts.access import access_for
from portal.catalogue.models import Period


@login_required
def queue_page(request):
    """Bappeda's queue: oldest first, with waiting days, and each reviewer's workload."""
    if not access_for(request.user).can_review:
        raise Http404
    period = Period.objects.current_or_refuse()
    queue = review_queue(period)
    now = timezone.now()
    for inovasi in queue:
        inovasi.waiting_days = (now - inovasi.waiting_since).days if inovasi.waiting_since else None
    ctx = {
        "period": period,
        "queue": queue,
        "workloads": workloads(period, queue, reviewers()),
        "overdue": is_overdue(period, now),
    }
    return render(request, "inovasi/queue.html", ctx)
