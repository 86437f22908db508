"""The migration-seeded catalogue, loaded again after a flush (for tests that commit for real)."""

import importlib

from django.apps import apps

from scoring.migrations._catalogue_2023_2026 import load_catalogue

# What later data migrations added to the seeded years; each seed is idempotent, as load_catalogue is.
LATER_CATALOGUE_SEEDS = [
    ("portal.catalogue.migrations.0002_period_eligibility_window", "seed_windows"),
    ("portal.catalogue.migrations.0005_form_2026_seed", "seed_2026"),
]


def load_migrated_catalogue():
    load_catalogue(apps)
    for module, seed in LATER_CATALOGUE_SEEDS:
        getattr(importlib.import_module(module), seed)(apps, None)
