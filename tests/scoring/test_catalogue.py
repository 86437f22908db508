"""The seeded catalogue reproduces the guide's own totals (63 / 111 / 76 / 250) from the stored rows."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps as global_apps
from django.core.management import call_command

from portal.catalogue.models import Indicator, Period, ReferenceOption, Urusan
from scoring.migrations._catalogue_2023_2026 import load_catalogue
from tests.catalogue_seed import load_migrated_catalogue

pytestmark = pytest.mark.django_db

SID = Indicator.Scope.SID
SPD = Indicator.Scope.SPD

YANDAS = [
    "Pendidikan",
    "Kesehatan",
    "Pekerjaan Umum dan Penataan Ruang",
    "Perumahan Rakyat dan Kawasan Permukiman",
    "Ketenteraman, Ketertiban Umum dan Perlindungan Masyarakat",
    "Sosial",
]


def period(year):
    return Period.objects.get(year=year)


def counts():
    return {
        "periods": Period.objects.count(),
        "indicators": Indicator.objects.count(),
        "urusan": Urusan.objects.count(),
        "options": ReferenceOption.objects.count(),
    }


def test_2026_maxima():
    p = period(2026)
    assert p.maximum(SID) == Decimal(111)
    assert p.maximum(SPD) == Decimal(63)
    assert p.count_maximum == Decimal(76)
    assert p.total_maximum == Decimal(250)


def test_2023_maxima():
    p = period(2023)
    assert p.maximum(SID) == Decimal(111)
    # The 2023 SPD list is unknown: the provisional copy of the 2026 rows keeps its maximum at 63.
    assert p.maximum(SPD) == Decimal(63)
    assert p.total_maximum == Decimal(250)


@pytest.mark.parametrize("year", [2023, 2026])
def test_sid_catalogue_per_period(year):
    sid = period(year).indicators.filter(scope=SID)
    assert sid.count() == 20
    assert sorted(int(number) for number in sid.values_list("number", flat=True)) == list(range(16, 36))
    assert sid.filter(is_mandatory=True).count() == 5
    assert list(sid.values_list("order", flat=True)) == list(range(1, 21))


def test_spd_rows_2026():
    spd = period(2026).indicators.filter(scope=SPD)
    assert spd.count() == 20
    assert {"2a", "2b", "5a", "5b", "10a", "10b", "11a", "11b", "13a", "13b"} <= set(
        spd.values_list("number", flat=True)
    )


def test_urusan():
    assert Urusan.objects.count() == 38
    assert list(Urusan.objects.filter(group="wajib_dasar").values_list("name", flat=True)) == YANDAS
    groups = {group: Urusan.objects.filter(group=group).count() for group in Urusan.Group.values}
    assert groups == {"wajib_dasar": 6, "wajib": 18, "pilihan": 8, "penunjang": 6}


def test_reference_options():
    per_kind = {kind: ReferenceOption.objects.filter(kind=kind).count() for kind in ReferenceOption.Kind.values}
    assert per_kind == {
        "tahapan": 3,
        "inisiator": 5,
        "jenis": 2,
        "bentuk": 3,
        "tematik": 5,
        "klasifikasi": 3,
        "asta_cita": 8,
        "program_prioritas": 9,
    }
    # The 2026 form's own lists belong to 2026; the older ones serve every year.
    own = ReferenceOption.objects.filter(period__isnull=False).values_list("period__year", flat=True)
    assert set(own) == {2026}
    assert set(ReferenceOption.objects.filter(period=None).values_list("kind", flat=True)) == {
        "tahapan",
        "inisiator",
        "jenis",
        "bentuk",
        "tematik",
    }


def test_the_2026_form_asks_its_extra_items_and_2023_none():
    asked = ["lokasi", "klasifikasi", "asta_cita", "program_prioritas", "haki", "penghargaan"]
    assert period(2026).profile_items == asked
    assert period(2023).profile_items == []
    kemanfaatan = Indicator.objects.get(period__year=2026, scope=SID, number="33")
    assert [code for code, _label in kemanfaatan.basis_choices] == [
        "orang",
        "unit",
        "efisiensi",
        "pendapatan",
        "produk",
        "tren",
    ]
    assert not Indicator.objects.filter(period__year=2023).exclude(bases=[]).exists()


def test_periods_and_constants():
    assert list(Period.objects.filter(is_current=True).values_list("year", flat=True)) == [2026]
    assert Period.objects.current().year == 2026
    current = period(2026)
    assert current.sid_divisor_floor == 12
    assert current.yandas_required == 5
    assert current.band_very_innovative_above == Decimal("65.00")
    assert current.band_innovative_above == Decimal("40.00")
    archived = period(2023)
    assert archived.sid_divisor_floor == 10
    assert archived.is_current is False
    assert archived.band_very_innovative_above == Decimal("60.00")
    assert archived.band_innovative_above == Decimal("34.99")  # 35,00 itself is inovatif


def test_load_catalogue_is_idempotent():
    before = counts()
    load_catalogue(global_apps)
    assert counts() == before
    assert Period.objects.current().year == 2026


def test_evidence_kinds_valid():
    allowed = {"pdf", "image", "video", "url"}
    indicators = list(Indicator.objects.all())
    assert indicators
    for indicator in indicators:
        assert indicator.evidence_kinds, indicator
        assert set(indicator.evidence_kinds) <= allowed, indicator
        indicator.full_clean()


@pytest.mark.django_db(transaction=True)
def test_the_catalogue_fixture_restores_what_every_data_migration_seeded():
    """Transactional tests reload the catalogue after a flush: it must be the migrated one, later seeds included."""
    call_command("flush", interactive=False, verbosity=0)
    load_migrated_catalogue()
    current = period(2026)
    assert current.profile_items == ["lokasi", "klasifikasi", "asta_cita", "program_prioritas", "haki", "penghargaan"]
    assert (current.eligible_from, current.eligible_until) == (datetime.date(2024, 1, 1), datetime.date(2025, 12, 31))
    assert ReferenceOption.objects.filter(period=current, kind="asta_cita").count() == 8
    assert Indicator.objects.get(period=current, scope=SID, number="33").bases != []
