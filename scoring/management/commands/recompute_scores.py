"""Recompute stored scores by hand: what the nightly check does, for one period or all in use."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.catalogue.models import Period
from scoring import recompute


class Command(BaseCommand):
    help = gettext_lazy("Recompute every score of a period from its source rows and report drift.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help=gettext_lazy("Only this period (default: every period in use)."))
        parser.add_argument("--all", action="store_true", help=gettext_lazy("Archived periods too."))

    def handle(self, *args, year=None, all=False, **options):
        periods = Period.objects.all() if all else Period.objects.exclude(status=Period.Status.ARCHIVED)
        if year is not None:
            periods = Period.objects.filter(year=year)
            if not periods.exists():
                raise CommandError(_("There is no period for %(year)d.") % {"year": year})
        for period in periods.order_by("year"):
            done = recompute.run(period.pk, full=True)
            if done is None:
                self.stderr.write(_("%(period)s is being recomputed by another process; skipped.") % {"period": period})
                continue
            self.stdout.write(
                _("%(period)s: %(changed)d innovation rows changed, drift in %(drift)d, %(ms)d ms.")
                % {
                    "period": period,
                    "changed": done.innovations_changed,
                    "drift": done.drift["innovations"],
                    "ms": done.duration_ms,
                }
            )
