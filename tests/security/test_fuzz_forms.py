"""Property-based fuzzing of every form the portal posts: no input makes a 5xx or an unhandled exception.

Each form gets generated data: for every field either a valid value or junk (any text, numbers,
dates, random bytes as uploaded files), fields left out at random, posted by a user allowed to post it.
The Django test client re-raises unhandled exceptions, so both are caught by one assertion. A post
whose text holds a control character must be a clean refusal instead: a 400 that changed nothing.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inovasi.models import Answer, ExportJob, Inovasi, MentoringSession
from portal.audit.models import AuditEntry
from portal.awards.models import Criterion, JuryScore
from portal.catalogue.models import Period
from portal.notices.models import Kind
from tests.inovasi.factories import MINIMAL_PDF, png_bytes
from tests.security.scenarios import SCENARIOS, _profile

EXAMPLES = 25
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200)
JUNK = st.one_of(
    TEXT,
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["", "0", "-1", "on", "null", "<script>", "../../etc/passwd", "9" * 400, "2026-02-30"]),
)
# TEXT may hold control characters: any but TAB, LF and CR gets the request refused with a 400.
FORBIDDEN_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BYTES = st.binary(max_size=4096)
FILES = st.builds(
    lambda content, name: SimpleUploadedFile(name or "x", content),
    st.one_of(
        BYTES,
        BYTES.map(lambda tail: b"%PDF-1.4\n" + tail),
        BYTES.map(lambda tail: png_bytes()[:40] + tail),
        st.just(MINIMAL_PDF),
        st.just(png_bytes()),
    ),
    st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40),
)


def _holds_control_characters(data):
    """Whether a text field holds a control character the portal refuses (TAB, LF and CR are allowed)."""
    return any(isinstance(value, str) and FORBIDDEN_IN_TEXT.search(value) for value in data.values())


def _field(*good):
    return st.one_of(st.sampled_from(good), JUNK) if good else JUNK


def _profile_fields(records_of_every_kind):
    documents = {"budget_document": FILES, "budget_document-kept": JUNK, "budget_document-kept-remove": JUNK}
    return {name: _field(value) for name, value in _profile(records_of_every_kind).items()} | documents


def _evidence_fields(records_of_every_kind):
    return {
        "subject": _field("SK"),
        "document_number": JUNK,
        "document_date": _field("2026-01-05"),
        "file": FILES,
        "url": _field("https://example.test/bukti", "https://youtu.be/x"),
    }


def _levels(records_of_every_kind):
    return {"level": _field("0", "1", "2", "3"), "note": JUNK}


def _card(records_of_every_kind):
    """An indicator card: its level and note with, optionally, one evidence item."""
    return {**_levels(records_of_every_kind), **_evidence_fields(records_of_every_kind)}


# URL name → the form's fields (records → {field: strategy}); who posts and where come from SCENARIOS.
FORMS = {
    "inovasi-create": _profile_fields,
    "inovasi-edit": _profile_fields,
    "inovasi-carry-forward": lambda w: {"development_note": _field("Dikembangkan")},
    "inovasi-answer": _card,
    "inovasi-evidence-add": _evidence_fields,
    "inovasi-photo-add": lambda w: {"caption": JUNK, "image": FILES},
    "thread-start": lambda w: {"body": _field("Lengkapi")},
    "thread-reply": lambda w: {"body": _field("Sudah")},
    "inovasi-verify": lambda w: {
        "verification": _field(*Answer.Verification.values),
        "verified_level": _field("0", "1", "2", "3"),
    },
    "inovasi-transition": lambda w: {"note": JUNK, "sent_on": _field("2026-03-01")},
    "inovasi-national-outcome": lambda w: {"outcome": _field("diterima", "ditolak"), "score": _field("80.5", "111")},
    "help-request-create": lambda w: {"inovasi": _field(str(w.inovasi_a.pk)), "topic": _field("Bantu")},
    "mentoring-session-add": lambda w: {
        "held_on": _field("2026-01-05"),
        "mode": _field(*MentoringSession.Mode.values),
        "attendees": _field("Tim"),
        "topic": _field("Topik"),
        "notes": JUNK,
    },
    "follow-up-add": lambda w: {
        "action": _field("Unggah"),
        "owner": _field("Operator"),
        "due_on": _field("2026-02-01"),
    },
    "notice-preferences": lambda w: {
        f"{kind}_{way}": _field("on") for kind in Kind.values for way in ("email", "digest")
    },
    "export-job-create": lambda w: {
        "kind": _field(*ExportJob.Kind.values),
        "period": _field(str(Period.objects.current().pk)),
        "opd": _field(str(w.opd_a.pk)),
    },
    "catalogue-opt-in": lambda w: {"public": _field("0", "1"), "next": _field("/inovasi/", "https://evil.test/")},
    "award-criteria": lambda w: {f"weight_{kind}": _field("0", "1", "2,5") for kind in Criterion.Kind.values},
    "award-score": lambda w: {name: _field("0", "7", "10") for name in JuryScore.RUBRIC},
    "award-decide": lambda w: {"decided_on": _field("2026-01-05", "2999-01-01")},
    "spd-answer": _card,
    "spd-evidence-add": _evidence_fields,
    "shared-document-add": lambda w: {
        "owner": _field("kota", str(w.opd_a.pk), str(w.opd_b.pk)),
        "subject": _field("SK"),
        "document_number": JUNK,
        "document_date": _field("2026-01-05"),
        "file": FILES,
    },
    "shared-document-replace": lambda w: {
        "subject": _field("SK"),
        "document_number": JUNK,
        "document_date": _field("2026-01-05"),
        "file": FILES,
    },
    "shared-document-attach": lambda w: {
        "indicator": _field(str(w.sid_indicator.pk)),
        "inovasi": _field(str(w.inovasi_a.pk), str(w.inovasi_old_a.pk)),
    },
    "inovasi-shared-attach": lambda w: {"document": _field(str(w.shared_a.pk))},
    "event-mark": lambda w: {"user": _field(str(w.kepala_a.pk), str(w.operator_b.pk), str(w.admin.pk))},
    "event-material-add": lambda w: {"file": FILES},
}


def test_every_form_scenario_is_fuzzed_or_has_no_fields():
    formless = {"inovasi-delete", "photo-delete", "evidence-delete", "thread-resolve", "notice-mark-all-read"}
    formless |= {"help-request-update", "mentoring-case-close", "follow-up-done", "scores-recompute"}
    formless |= {"admin:logout", "admin:accounts_opd_process_import", "shared-document-delete", "inovasi-reconcile"}
    formless |= {"inovasi-restore", "inovasi-submit", "inovasi-verify-as-claimed", "event-checkin"}
    formless |= {"award-close-jury"}
    assert set(SCENARIOS) - formless == set(FORMS)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_generated_posts_never_fail_with_a_server_error(client, records_of_every_kind, name):
    scenario = SCENARIOS[name]
    if scenario.prepare:
        scenario.prepare(records_of_every_kind)
    client.force_login(records_of_every_kind.by_name(scenario.role))
    url = scenario.url(name, records_of_every_kind)
    fields = FORMS[name](records_of_every_kind)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.fixed_dictionaries({}, optional=fields))
    def post(data):
        entries = AuditEntry.objects.count()
        response = client.post(url, data)
        if _holds_control_characters(data):
            # Refused before any view (portal.middleware.ControlCharacterMiddleware): a 400 that changed nothing.
            assert (response.status_code, AuditEntry.objects.count()) == (400, entries), (name, data)
        else:
            assert response.status_code < 500, (name, data)

    post()
    assert Inovasi.objects.filter(pk=records_of_every_kind.inovasi_a.pk).exists()
