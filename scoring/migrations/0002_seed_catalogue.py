"""Seed the IGA 2023 and IGA 2026 catalogues, the 38 urusan and the national form's option lists."""

from django.db import migrations

from scoring.migrations._catalogue_2023_2026 import load_catalogue


class Migration(migrations.Migration):
    dependencies = [
        ("scoring", "0001_initial"),
        ("inovasi", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_catalogue, migrations.RunPython.noop),
    ]
