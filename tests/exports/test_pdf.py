"""The leadership recap: rendered from stored scores, every section present, city-wide roles only."""

import pytest
from django.urls import reverse

from inovasi.exports import pdf
from portal.audit.models import AuditEntry
from scoring import recompute
from tests.scoring.world import build


@pytest.fixture
def scored_innovations(personas):
    """The four innovations of tests/scoring/world.py with their scores computed and stored."""
    built = build(personas)
    recompute.run(built.period.pk, full=True)
    return built


def test_the_html_holds_every_section_with_the_stored_values(scored_innovations):
    html = pdf.recap_html(scored_innovations.period)
    for section in ('id="period"', 'id="projections"', 'id="ranking"', 'id="targets"', 'id="levers"'):
        assert section in html
    assert "IGA 2026" in html
    assert "Dihitung pada" in html
    assert "Proyeksi klaim" in html and "Proyeksi terverifikasi" in html
    assert "0,67" in html and "0,47" in html
    assert "Kurang Inovatif" in html
    assert "poin indeks lagi menuju predikat berikutnya" in html
    assert "Dinas Uji A" in html and "Puskesmas Uji B" in html
    assert "Satu OPD satu inovasi: 2 dari 2 OPD." in html and "✓ Kesehatan" in html
    assert "Tambahkan 9 inovasi untuk mencapai batas bawah pembagi" in html


def test_the_ranking_is_cut_at_twenty_opds(scored_innovations):
    context = pdf.recap_context(scored_innovations.period)
    assert [row.opd.name for row, _bar in context["ranking"]] == ["Dinas Uji A", "Puskesmas Uji B"]
    assert next(bar for _row, bar in context["ranking"]) == pdf.BAR_WIDTH
    assert pdf.TOP_OPDS == 20


def test_the_download_is_a_pdf_for_leadership(client, scored_innovations):
    client.force_login(scored_innovations.pimpinan)
    response = client.get(reverse("export-pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="export.pdf", actor=scored_innovations.pimpinan).count() == 1


@pytest.mark.parametrize("role", ["operator_a", "kepala_a", "operator_b"])
def test_opd_roles_do_not_get_the_recap(client, scored_innovations, role):
    client.force_login(scored_innovations.by_name(role))
    assert client.get(reverse("export-pdf")).status_code == 404
