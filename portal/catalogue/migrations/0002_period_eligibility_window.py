"""The eligibility window of each period: the implementation dates the assessment takes.

`earliest_implementation_date` becomes `eligible_from` (a value an admin set is kept), `eligible_until`
is new, and the seeded years get their windows (domain reference §11): IGA 2023 took innovations
applied in 2021–2022, IGA 2026 takes those implemented in 2024–2025. A window an admin already set
is left as it is.
"""

import datetime

from django.db import migrations, models

WINDOWS = {
    2023: (datetime.date(2021, 1, 1), datetime.date(2022, 12, 31)),
    2026: (datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)),
}


def seed_windows(apps, schema_editor):
    Period = apps.get_model("catalogue", "Period")
    for year, (start, end) in WINDOWS.items():
        Period.objects.filter(year=year, eligible_from__isnull=True).update(eligible_from=start)
        Period.objects.filter(year=year, eligible_until__isnull=True).update(eligible_until=end)


FROM = models.DateField(
    blank=True,
    null=True,
    help_text="Innovations implemented before this date need an explanation of their development.",
    verbose_name="implemented from",
)
UNTIL = models.DateField(
    blank=True,
    null=True,
    help_text="Innovations implemented after this date belong to a later assessment.",
    verbose_name="implemented until",
)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_moved_from_scoring_and_inovasi"),
    ]

    operations = [
        migrations.RenameField("period", "earliest_implementation_date", "eligible_from"),
        migrations.RenameField("historicalperiod", "earliest_implementation_date", "eligible_from"),
        migrations.AlterField("period", "eligible_from", FROM),
        migrations.AlterField("historicalperiod", "eligible_from", FROM.clone()),
        migrations.AddField("period", "eligible_until", UNTIL),
        migrations.AddField("historicalperiod", "eligible_until", UNTIL.clone()),
        migrations.RunPython(seed_windows, migrations.RunPython.noop),
    ]
