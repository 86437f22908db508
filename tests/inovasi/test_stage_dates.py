"""Dates follow the stage (inovasi.dates): inisiatif has none yet, uji coba a trial date, penerapan both.

The profile form (through `inovasi-create`) and the completeness checklist apply the same rule.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from inovasi.completeness import checklist, refresh_completeness
from inovasi.models import Inovasi
from tests.inovasi.factories import make_inovasi, option, post_data

TRIAL, IMPLEMENTATION = datetime.date(2025, 1, 10), datetime.date(2025, 6, 1)
STAGE_NAMES = {"inisiatif": "Inisiatif", "uji_coba": "Uji Coba", "penerapan": "Penerapan"}

NEEDS = {
    "trial_date": "An innovation at the %(stage)s stage needs its trial date.",
    "implementation_date": "An innovation at the %(stage)s stage needs its implementation date.",
}
NOT_YET = {
    "trial_date": "An innovation at the %(stage)s stage has no trial date yet: leave it empty or change the stage.",
    "implementation_date": (
        "An innovation at the %(stage)s stage has no implementation date yet: leave it empty or change the stage."
    ),
}


def indonesian(msgid, stage):
    with translation.override("id"):
        return gettext(msgid) % {"stage": STAGE_NAMES[stage]}


@pytest.mark.parametrize(
    ("stage", "trial", "implementation"),
    [("inisiatif", None, None), ("uji_coba", TRIAL, None), ("penerapan", TRIAL, IMPLEMENTATION)],
)
def test_the_form_accepts_the_dates_each_stage_has(client, operator_a, stage, trial, implementation):
    data = post_data(tahapan=option("tahapan", stage), trial_date=trial, implementation_date=implementation)
    response = client.post(reverse("inovasi-create"), data)
    assert response.status_code == 302
    inovasi = Inovasi.objects.get()
    assert (inovasi.tahapan.code, inovasi.trial_date, inovasi.implementation_date) == (stage, trial, implementation)


@pytest.mark.parametrize(
    ("stage", "trial", "implementation", "expected"),
    [
        ("inisiatif", TRIAL, None, {"trial_date": NOT_YET["trial_date"]}),
        ("inisiatif", None, IMPLEMENTATION, {"implementation_date": NOT_YET["implementation_date"]}),
        ("inisiatif", TRIAL, IMPLEMENTATION, NOT_YET),
        ("uji_coba", None, None, {"trial_date": NEEDS["trial_date"]}),
        ("uji_coba", TRIAL, IMPLEMENTATION, {"implementation_date": NOT_YET["implementation_date"]}),
        ("penerapan", TRIAL, None, {"implementation_date": NEEDS["implementation_date"]}),
        ("penerapan", None, IMPLEMENTATION, {"trial_date": NEEDS["trial_date"]}),
        ("penerapan", None, None, NEEDS),
    ],
)
def test_the_form_refuses_dates_that_do_not_fit_the_stage_in_indonesian(
    client, operator_a, stage, trial, implementation, expected
):
    data = post_data(tahapan=option("tahapan", stage), trial_date=trial, implementation_date=implementation)
    response = client.post(reverse("inovasi-create"), data)
    assert response.status_code == 200
    errors = {name: list(messages) for name, messages in response.context["form"].errors.items()}
    assert errors == {name: [indonesian(msgid, stage)] for name, msgid in expected.items()}
    assert Inovasi.objects.count() == 0


def test_the_form_names_the_window_and_the_stages_in_its_help_texts(client, operator_a):
    with translation.override("id"):
        form = client.get(reverse("inovasi-create")).context["form"]
        implementation_help = str(form.fields["implementation_date"].help_text)
        note_help = str(form.fields["development_note"].help_text)
        window = gettext(
            "%(period)s takes innovations implemented from %(start)s to %(end)s; an innovation implemented "
            "earlier needs the explanation of its development in that time."
        ) % {"period": "IGA 2026", "start": "1 Januari 2024", "end": "31 Desember 2025"}
    assert implementation_help.endswith(window)
    assert note_help.endswith(window)  # after what the note is for


def dates_item(inovasi):
    """The checklist's dates item (the eighth, after the name, the stage and the five options)."""
    with translation.override("en"):
        item = checklist(Inovasi.objects.get(pk=inovasi.pk), [])[7]
        return item.label, item.done


@pytest.mark.parametrize(
    ("stage", "trial", "implementation", "label", "done"),
    [
        ("inisiatif", None, None, "No trial or implementation date yet (Inisiatif stage)", True),
        ("inisiatif", TRIAL, None, "No trial or implementation date yet (Inisiatif stage)", False),
        ("uji_coba", TRIAL, None, "Trial date (no implementation date yet at the Uji Coba stage)", True),
        ("uji_coba", None, None, "Trial date (no implementation date yet at the Uji Coba stage)", False),
        ("uji_coba", TRIAL, IMPLEMENTATION, "Trial date (no implementation date yet at the Uji Coba stage)", False),
        ("penerapan", TRIAL, IMPLEMENTATION, "Trial and implementation dates", True),
        ("penerapan", TRIAL, None, "Trial and implementation dates", False),
        (None, TRIAL, IMPLEMENTATION, "Trial and implementation dates", False),
    ],
)
def test_the_checklist_asks_for_the_dates_of_the_stage(personas, stage, trial, implementation, label, done):
    inovasi = make_inovasi(
        personas.opd_a,
        personas.operator_a,
        tahapan=option("tahapan", stage) if stage else None,
        trial_date=trial,
        implementation_date=implementation,
    )
    assert dates_item(inovasi) == (label, done)


def test_an_inisiatif_without_dates_is_as_complete_as_a_penerapan_with_both(personas):
    inisiatif = make_inovasi(
        personas.opd_a,
        personas.operator_a,
        tahapan=option("tahapan", "inisiatif"),
        trial_date=None,
        implementation_date=None,
    )
    penerapan = make_inovasi(personas.opd_a, personas.operator_a)
    assert refresh_completeness(inisiatif) == refresh_completeness(penerapan)
    inisiatif_with_dates = make_inovasi(personas.opd_a, personas.operator_a, tahapan=option("tahapan", "inisiatif"))
    assert refresh_completeness(inisiatif_with_dates) < refresh_completeness(penerapan)
