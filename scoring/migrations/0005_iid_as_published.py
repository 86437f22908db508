from django.db import migrations, models


def recompute_every_scored_period(apps, schema_editor):
    """The stored results follow older rules (a 4-place index; local rejections in n): mark them stale.

    The sweep recomputes every marked period from its source rows.
    """
    CityScore = apps.get_model("scoring", "CityScore")
    DirtyMark = apps.get_model("scoring", "DirtyMark")
    period_ids = CityScore.objects.values_list("period_id", flat=True).distinct()
    DirtyMark.objects.bulk_create(
        DirtyMark(period_id=period_id, scope="full", reason="rules.2026-12") for period_id in period_ids
    )


class Migration(migrations.Migration):
    dependencies = [
        ("scoring", "0004_catalogue_moved"),
        ("catalogue", "0003_rejected_means_rejected_nationally"),
    ]

    operations = [
        migrations.AlterField(
            model_name="cityscore",
            name="iid",
            field=models.DecimalField(decimal_places=2, max_digits=12, verbose_name="IID"),
        ),
        migrations.RunPython(recompute_every_scored_period, migrations.RunPython.noop),
    ]
