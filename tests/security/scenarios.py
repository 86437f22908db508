"""One successful POST per state-changing portal URL: who may send it, to where, with what.

The URL × role table (tests/portal/url_cases.py) lists every URL; `state_changing_urls()`
derives from it the ones that change state: every row answering 405 to a GET (POST only) plus
the GET pages whose form posts back to themselves (FORM_PAGES). Every such URL must have a
scenario here, so a new POST_ONLY row without one fails `test_every_state_changing_url_has_a_scenario`.
"""

from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inovasi.models import Answer, Inovasi
from portal.awards.models import Award, Criterion, JuryScore
from portal.catalogue.models import Period
from tests.inovasi.factories import MINIMAL_PDF, WORDS_300, png_bytes, post_data
from tests.inovasi.workflow_helpers import make_submittable
from tests.portal.url_cases import row_for, url_for
from tests.portal.url_sweep import named_urls

# GET pages whose form posts back to the same URL (row codes say 200 on GET).
FORM_PAGES = [
    "inovasi-create",
    "inovasi-edit",
    "inovasi-carry-forward",
    "help-request-create",
    "notice-preferences",
    # Destructive actions: a GET shows their confirmation page, whose form posts back to the same URL.
    "inovasi-delete",
    "evidence-delete",
    "photo-delete",
    # The page a check-in QR code leads to: its button posts back to it.
    "event-checkin",
]
# allauth and admin POSTs reachable by a signed-in user: CSRF-checked, audited by their own signals.
ACCOUNT_POSTS = [
    "account_login",
    "account_logout",
    "account_change_password",
    "account_email",
    "account_reset_password",
    "usersessions_list",
    "mfa_reauthenticate",
    "account_reauthenticate",
    "mfa_activate_totp",
    "mfa_generate_recovery_codes",
    "admin:accounts_opd_change",
    "admin:auth_user_password_change",
    "admin:accounts_opd_import",
]
# Django's own and allauth's POST-only views: they write their own trail (logout and import signals).
NOT_PORTAL_VIEWS = {"admin:logout", "admin:accounts_opd_process_import"}


def state_changing_urls():
    """Every named URL whose sweep row answers a GET with 405, plus the form pages."""
    names = sorted({name for name, _route in named_urls() if name})
    post_only = [name for name in names if 405 in row_for(name)[1]]
    return sorted({*post_only, *FORM_PAGES})


def portal_mutations():
    return [name for name in state_changing_urls() if name not in NOT_PORTAL_VIEWS]


@dataclass
class Scenario:
    role: str
    data: object  # records -> dict of POST data (files as SimpleUploadedFile)
    prepare: object = None  # records -> None: puts the record in the state the action needs
    kwargs: object = None  # records -> URL kwargs, when the sweep row's sample does not fit
    audited_as: str = ""
    extra: dict = field(default_factory=dict)

    def url(self, name, records_of_every_kind):
        if self.kwargs:
            return reverse(name, kwargs=self.kwargs(records_of_every_kind))
        return url_for(name, records_of_every_kind)


def _status(status):
    def prepare(records_of_every_kind):
        Inovasi.objects.filter(pk=records_of_every_kind.inovasi_a.pk).update(status=status)

    return prepare


def _approved_with_a_difference(records_of_every_kind):
    """Approved, with indicator 16 claimed at 3 and verified at 2: a difference to reconcile."""
    _status(Inovasi.Status.APPROVED)(records_of_every_kind)
    Answer.objects.update_or_create(
        inovasi=records_of_every_kind.inovasi_a,
        indicator=records_of_every_kind.sid_indicator,
        defaults={"level": 3, "verification": Answer.Verification.NOT_OK, "verified_level": 2},
    )


def _pdf():
    return SimpleUploadedFile("sk.pdf", MINIMAL_PDF, content_type="application/pdf")


def _png():
    return SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")


def _profile(records_of_every_kind):
    return post_data(name="Layanan Uji Baru", **dict.fromkeys(Inovasi.RANCANG_BANGUN_FIELDS, WORDS_300))


def _session(records_of_every_kind):
    return {"held_on": "2026-01-05", "mode": "visit", "attendees": "Tim", "topic": "Indikator", "notes": ""}


SCENARIOS = {
    "inovasi-create": Scenario("operator_a", _profile, audited_as="inovasi.create"),
    "inovasi-edit": Scenario("operator_a", _profile, audited_as="inovasi.update"),
    "inovasi-carry-forward": Scenario(
        "operator_a", lambda w: {"development_note": "Dikembangkan"}, audited_as="inovasi.carry_forward"
    ),
    "inovasi-delete": Scenario("operator_a", lambda w: {}, audited_as="inovasi.delete"),
    "inovasi-restore": Scenario(
        "operator_a",
        lambda w: {},
        prepare=lambda w: Inovasi.objects.filter(pk=w.inovasi_a.pk).update(deleted_at=timezone.now()),
        audited_as="inovasi.restore",
    ),
    "inovasi-answer": Scenario("operator_a", lambda w: {"level": "2", "note": "-"}, audited_as="answer.save"),
    "inovasi-evidence-add": Scenario(
        "operator_a", lambda w: {"subject": "SK", "file": _pdf()}, audited_as="evidence.add"
    ),
    "inovasi-photo-add": Scenario("operator_a", lambda w: {"caption": "Foto", "image": _png()}, audited_as="photo.add"),
    "photo-delete": Scenario("operator_a", lambda w: {}, audited_as="photo.delete"),
    "evidence-delete": Scenario("operator_a", lambda w: {}, audited_as="evidence.delete"),
    "shared-document-add": Scenario(
        "operator_a",
        lambda w: {"subject": "SK Tim Pengelola", "file": _pdf(), "owner": str(w.opd_a.pk)},
        audited_as="shared_document.add",
    ),
    "shared-document-replace": Scenario(
        "operator_a", lambda w: {"subject": "SK Perubahan", "file": _pdf()}, audited_as="shared_document.replace"
    ),
    "shared-document-delete": Scenario("operator_a", lambda w: {}, audited_as="shared_document.delete"),
    "shared-document-attach": Scenario(
        "operator_a",
        lambda w: {"indicator": w.sid_indicator.pk, "inovasi": [w.inovasi_a.pk]},
        audited_as="shared_document.attach",
    ),
    "inovasi-shared-attach": Scenario(
        "operator_a", lambda w: {"document": w.shared_a.pk}, audited_as="shared_document.attach"
    ),
    "inovasi-submit": Scenario(
        "operator_a",
        lambda w: {},
        prepare=lambda w: make_submittable(w.inovasi_a, w.operator_a),
        audited_as="inovasi.transition",
    ),
    "inovasi-transition": Scenario(
        "pendamping",
        lambda w: {"note": ""},
        prepare=_status(Inovasi.Status.SUBMITTED),
        kwargs=lambda w: {"pk": w.inovasi_a.pk, "to": Inovasi.Status.IN_REVIEW},
        audited_as="inovasi.transition",
    ),
    "inovasi-verify": Scenario(
        "pendamping",
        lambda w: {"verification": Answer.Verification.OK, "verified_level": "3"},
        prepare=_status(Inovasi.Status.IN_REVIEW),
        audited_as="answer.verify",
    ),
    "inovasi-verify-as-claimed": Scenario(
        "pendamping", lambda w: {}, prepare=_status(Inovasi.Status.IN_REVIEW), audited_as="inovasi.verify_as_claimed"
    ),
    "inovasi-reconcile": Scenario(
        "operator_a",
        lambda w: {},
        prepare=_approved_with_a_difference,
        audited_as="answer.reconcile",
    ),
    "inovasi-national-outcome": Scenario(
        "admin",
        lambda w: {"outcome": "diterima", "score": "80.5"},
        prepare=_status(Inovasi.Status.SENT),
        audited_as="inovasi.national_outcome",
    ),
    "thread-start": Scenario("pendamping", lambda w: {"body": "Lengkapi SK"}, audited_as="comment.add"),
    "thread-reply": Scenario("operator_a", lambda w: {"body": "Sudah"}, audited_as="comment.add"),
    "thread-resolve": Scenario("pendamping", lambda w: {}, audited_as="thread.resolve"),
    "notice-mark-all-read": Scenario("operator_a", lambda w: {}, audited_as="notices.mark_all_read"),
    "notice-preferences": Scenario("operator_a", lambda w: {"status_email": "on"}, audited_as="notices.preferences"),
    "help-request-create": Scenario("operator_a", lambda w: {"topic": "Bantu"}, audited_as="help_request.create"),
    "help-request-update": Scenario("pendamping", lambda w: {}, audited_as="help_request.update"),
    "mentoring-session-add": Scenario("pendamping", _session, audited_as="mentoring_session.add"),
    "mentoring-case-close": Scenario(
        "pendamping",
        lambda w: {},
        prepare=lambda w: w.follow_up_a.__class__.objects.update(done_at="2026-01-06T00:00:00Z"),
        audited_as="mentoring_case.close",
    ),
    "follow-up-add": Scenario(
        "pendamping",
        lambda w: {"action": "Unggah SK", "owner": "Operator", "due_on": "2026-02-01"},
        audited_as="follow_up.add",
    ),
    "follow-up-done": Scenario("operator_a", lambda w: {}, audited_as="follow_up.done"),
    "catalogue-opt-in": Scenario("kepala_a", lambda w: {"public": "0"}, audited_as="catalogue_opt_out"),
    "scores-recompute": Scenario("admin", lambda w: {}, audited_as="scores.recompute_requested"),
    "spd-answer": Scenario("admin", lambda w: {"level": "2", "note": "Perda"}, audited_as="answer.save"),
    "spd-evidence-add": Scenario("admin", lambda w: {"subject": "Perda", "file": _pdf()}, audited_as="evidence.add"),
    "award-criteria": Scenario(
        "admin",
        lambda w: {f"weight_{kind}": "1" for kind in Criterion.Kind.values},
        audited_as="award.criteria",
    ),
    "award-score": Scenario(
        "pendamping", lambda w: dict.fromkeys(JuryScore.RUBRIC, "7"), audited_as="award.jury_score"
    ),
    "award-close-jury": Scenario("admin", lambda w: {}, audited_as="award.jury_closed"),
    "award-decide": Scenario(
        "admin",
        lambda w: {"decided_on": timezone.localdate().isoformat()},
        prepare=lambda w: Award.objects.filter(pk=w.award.pk).update(jury_closed_at=timezone.now()),
        audited_as="award.decided",
    ),
    "export-job-create": Scenario(
        "operator_a",
        lambda w: {"kind": "xlsx", "period": Period.objects.current().pk},
        audited_as="export.queued",
    ),
    # Sosialisasi and bimtek: kepala A (invited with OPD A, not checked in yet) checks in; Bappeda marks.
    "event-checkin": Scenario("kepala_a", lambda w: {}, audited_as="event.check_in"),
    "event-mark": Scenario("pendamping", lambda w: {"user": str(w.kepala_a.pk)}, audited_as="event.mark_present"),
    "event-material-add": Scenario("pendamping", lambda w: {"file": _pdf()}, audited_as="event.material_add"),
    # Django's and allauth's own: CSRF-checked, not part of the portal-view audit sweep.
    "admin:logout": Scenario("admin", lambda w: {}),
    "admin:accounts_opd_process_import": Scenario("admin", lambda w: {}),
}
