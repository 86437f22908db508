"""Each role lands on its own home page; the navigation follows the access helper."""

import pytest
from django.urls import reverse

from portal.accounts.models import Bidang, Opd

HOME_TEMPLATES = {
    "operator_a": "dashboard/opd.html",
    "kepala_a": "dashboard/opd.html",
    "operator_b": "dashboard/opd.html",
    "pendamping": "dashboard/home_bappeda.html",
    "admin": "dashboard/home_bappeda.html",
    "pimpinan": "dashboard/leadership.html",
}


@pytest.mark.parametrize("name", sorted(HOME_TEMPLATES))
def test_each_role_lands_on_its_home(client, personas, name):
    client.force_login(personas.by_name(name))
    response = client.get(reverse("home"))
    assert response.templates[0].name == HOME_TEMPLATES[name]


def test_an_operator_home_names_its_own_opd_only(client, personas):
    client.force_login(personas.operator_a)
    content = client.get(reverse("home")).content.decode()
    assert "Dinas Uji A" in content
    assert "Puskesmas Uji B" not in content


def test_the_menu_follows_the_role(client, personas):
    menus = {}
    for name in ["operator_a", "pendamping", "pimpinan", "admin"]:
        client.force_login(personas.by_name(name))
        menus[name] = [label for label, _url in client.get(reverse("home")).context["nav"]]
    assert menus == {
        "operator_a": ["Beranda", "Inovasi", "Dokumen bersama", "Minta pendampingan", "Ekspor", "Bimtek"],
        "pendamping": [
            "Beranda",
            "Inovasi",
            "Antrean reviu",
            "Dokumen bersama",
            "Pendampingan",
            "Dasbor pimpinan",
            "Skor IID",
            "Data daerah (SPD)",
            "Ekspor",
            "Bimtek",
        ],
        "pimpinan": ["Beranda", "Inovasi", "Skor IID", "Data daerah (SPD)", "Ekspor"],
        "admin": [
            "Beranda",
            "Inovasi",
            "Antrean reviu",
            "Dokumen bersama",
            "Pendampingan",
            "Dasbor pimpinan",
            "Skor IID",
            "Data daerah (SPD)",
            "Ekspor",
            "Bimtek",
            "Penghargaan",
            "Administrasi",
        ],
    }


def test_a_user_without_a_role_is_told_to_ask_bappeda(client, db):
    from tests.personas import make_user

    client.force_login(make_user("tanpa_peran"))
    response = client.get(reverse("home"))
    assert response.templates[0].name == "dashboard/home_norole.html"


def _add_opds(count):
    for number in range(count):
        opd = Opd.objects.create(name=f"Kelurahan Contoh {number}", short_name=f"KC{number}", kind=Opd.Kind.KELURAHAN)
        Bidang.objects.create(opd=opd, name="Seksi Pelayanan")


# Before the first recompute (no score state yet, so the counts are not cached); see
# tests/portal/test_dashboards.py for the counts with stored scores.
# +1 for the OPD's people (upcoming bimtek) and for Bappeda (the risk score's bimtek part).
HOME_QUERIES = {"operator_a": 13, "kepala_a": 13, "pendamping": 22, "pimpinan": 8, "admin": 22}


@pytest.mark.parametrize("name", sorted(HOME_QUERIES))
@pytest.mark.parametrize("extra_opds", [0, 50])
def test_the_home_page_query_count_does_not_grow_with_the_data(
    client, personas, name, extra_opds, django_assert_num_queries
):
    _add_opds(extra_opds)
    client.force_login(personas.by_name(name))
    client.get(reverse("home"))
    with django_assert_num_queries(HOME_QUERIES[name]):
        client.get(reverse("home"))
