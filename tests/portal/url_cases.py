"""The URL × role table of the sweep (tests/portal/test_url_access.py) and what it needs.

One row of expected status codes per role for every named URL, the sample records the rows' URL
arguments point at (`build_records_of_every_kind`), and `url_for` / `row_for` to read the table.
The security suites (tests/security/) derive their state-changing URLs from the same table.
"""

from datetime import timedelta

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from inovasi.exports import jobs
from inovasi.models import CommentThread, FollowUp, HelpRequest, MentorAssignment, MentoringCase, MentoringSession
from portal.accounts.models import Bidang, Membership, Opd
from portal.audit.models import AuditEntry
from portal.catalogue.models import Period, ReferenceOption, Urusan
from portal.events import rules as event_rules
from portal.events.models import Attendance, Event, Material
from portal.notices.models import Notice
from tests.awards.builders import add_award_records
from tests.inovasi.factories import (
    MINIMAL_PDF,
    add_evidence,
    add_photo,
    add_shared_document,
    current_period,
    make_inovasi,
    sid_indicator,
)
from tests.portal.url_sweep import named_urls

ROLES = ["anonymous", "operator_a", "operator_b", "kepala_a", "pendamping", "pimpinan", "admin"]

# Pages that may be opened without signing in; everything else redirects to login.
ANONYMOUS_ALLOWED = {
    "health",
    "set_language",
    "account_login",
    "account_signup",
    "account_inactive",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_confirm_login_code",
    "mfa_authenticate",
    # The public innovation catalogue.
    "catalogue-list",
    "catalogue-detail",
    "catalogue-photo",
    # The public page of the OPD terinovatif award and its winners' piagam.
    "awards-public",
    "awards-piagam",
    # Both only redirect; neither shows anything.
    "account_logout",
    "admin:logout",
}

#            anon oprA oprB kepA pend pimp admin
SIGNED_IN = (302, 200, 200, 200, 200, 200, 200)
ADMIN_ONLY = (302, 302, 302, 302, 302, 302, 200)
# A record of OPD A: its OPD and the city-wide roles read it, OPD B gets 404.
READ_OPD_A = (302, 200, 404, 200, 200, 200, 200)
# Changing it: OPD A's operator and the admin; kepala and city-wide readers 403, OPD B 404.
EDIT_OPD_A = (302, 200, 404, 403, 403, 403, 200)
POST_ONLY = (302, 405, 405, 405, 405, 405, 405)
CITY_WIDE = (302, 404, 404, 404, 200, 200, 200)
# An export job is its requester's (operator A's) alone; the admin sees every job.
OWN_JOB_A = (302, 200, 404, 404, 404, 404, 200)
PUBLIC = (200, 200, 200, 200, 200, 200, 200)
# An event OPD A is invited to: its people and Bappeda (who runs it) see it.
EVENT_OF_OPD_A = (302, 200, 404, 200, 200, 404, 200)
EVENT_ORGANISER = (302, 404, 404, 404, 200, 404, 200)


def _no_kwargs(personas):
    return {}


URL_TABLE = {
    "home": (_no_kwargs, SIGNED_IN),
    "dashboard-leadership": (_no_kwargs, CITY_WIDE),
    "opd-dashboard": (lambda w: {"pk": w.opd_a.pk}, READ_OPD_A),
    "health": (_no_kwargs, (200, 200, 200, 200, 200, 200, 200)),
    "set_language": (_no_kwargs, (302, 302, 302, 302, 302, 302, 302)),
    "account_login": (_no_kwargs, (200, 302, 302, 302, 302, 302, 302)),
    "account_logout": (_no_kwargs, (302, 200, 200, 200, 200, 200, 200)),
    "account_inactive": (_no_kwargs, (200, 200, 200, 200, 200, 200, 200)),
    "account_signup": (_no_kwargs, (200, 302, 302, 302, 302, 302, 302)),
    "account_reauthenticate": (_no_kwargs, SIGNED_IN),
    "account_request_reauthentication_code": (_no_kwargs, (302, 302, 302, 302, 302, 302, 302)),
    "account_confirm_reauthentication_code": (_no_kwargs, (302, 302, 302, 302, 302, 302, 302)),
    "account_email": (_no_kwargs, SIGNED_IN),
    "account_email_verification_sent": (_no_kwargs, (200, 200, 200, 200, 200, 200, 200)),
    "account_change_password": (_no_kwargs, SIGNED_IN),
    "account_set_password": (_no_kwargs, (302, 302, 302, 302, 302, 302, 302)),
    "account_reset_password": (_no_kwargs, (200, 200, 200, 200, 200, 200, 200)),
    "account_reset_password_done": (_no_kwargs, (200, 200, 200, 200, 200, 200, 200)),
    "account_reset_password_from_key": (
        lambda personas: {"uidb36": "1", "key": "bad-key"},
        (200, 200, 200, 200, 200, 200, 200),
    ),
    "account_reset_password_from_key_done": (_no_kwargs, (200, 200, 200, 200, 200, 200, 200)),
    "account_confirm_login_code": (_no_kwargs, (302, 302, 302, 302, 302, 302, 302)),
    "account_confirm_email": (lambda personas: {"key": "bad-key"}, (200, 200, 200, 200, 200, 200, 200)),
    "mfa_index": (_no_kwargs, SIGNED_IN),
    "mfa_authenticate": (_no_kwargs, (302, 302, 302, 302, 302, 302, 302)),
    "mfa_reauthenticate": (_no_kwargs, (302, 302, 302, 302, 200, 200, 200)),
    # Activating, deactivating and regenerating ask for the password again first (302).
    "mfa_activate_totp": (_no_kwargs, (302, 302, 302, 302, 302, 302, 302)),
    "mfa_deactivate_totp": (_no_kwargs, (302, 404, 404, 404, 302, 302, 302)),
    "mfa_view_recovery_codes": (_no_kwargs, (302, 404, 404, 404, 404, 404, 404)),
    "mfa_generate_recovery_codes": (_no_kwargs, (302, 302, 302, 302, 302, 302, 302)),
    "mfa_download_recovery_codes": (_no_kwargs, (302, 404, 404, 404, 404, 404, 404)),
    "usersessions_list": (_no_kwargs, SIGNED_IN),
    # Innovations, answers and evidence (see `build_records_of_every_kind` for the records).
    "inovasi-list": (_no_kwargs, SIGNED_IN),
    "inovasi-create": (_no_kwargs, (302, 200, 200, 403, 403, 403, 200)),
    "inovasi-detail": (lambda w: {"pk": w.inovasi_a.pk}, READ_OPD_A),
    "inovasi-edit": (lambda w: {"pk": w.inovasi_a.pk}, EDIT_OPD_A),
    # GET is the confirmation page (nothing changes); the form on it POSTs the deletion.
    "inovasi-delete": (lambda w: {"pk": w.inovasi_a.pk}, EDIT_OPD_A),
    # An OPD's people see their OPD's deleted innovations, the admin every OPD's; no one else has the page.
    "inovasi-deleted": (_no_kwargs, (302, 200, 200, 200, 404, 404, 200)),
    "inovasi-restore": (lambda w: {"pk": w.inovasi_a.pk}, POST_ONLY),
    "inovasi-history": (lambda w: {"pk": w.inovasi_a.pk}, READ_OPD_A),
    "inovasi-carry-forward": (lambda w: {"pk": w.inovasi_old_a.pk}, EDIT_OPD_A),
    "inovasi-indicators": (lambda w: {"pk": w.inovasi_a.pk}, READ_OPD_A),
    "inovasi-answer": (lambda w: {"pk": w.inovasi_a.pk, "indicator_pk": w.sid_indicator.pk}, POST_ONLY),
    "inovasi-submit": (lambda w: {"pk": w.inovasi_a.pk}, POST_ONLY),
    "inovasi-evidence-add": (lambda w: {"pk": w.inovasi_a.pk, "indicator_pk": w.sid_indicator.pk}, POST_ONLY),
    "inovasi-file": (lambda w: {"pk": w.inovasi_a.pk, "which": "anggaran"}, READ_OPD_A),
    "inovasi-photo-add": (lambda w: {"pk": w.inovasi_a.pk}, POST_ONLY),
    "photo-view": (lambda w: {"pk": w.photo_a.pk}, READ_OPD_A),
    "photo-delete": (lambda w: {"pk": w.photo_a.pk}, EDIT_OPD_A),  # GET: the confirmation page
    "evidence-download": (lambda w: {"pk": w.evidence_a.pk}, READ_OPD_A),
    "evidence-delete": (lambda w: {"pk": w.evidence_a.pk}, EDIT_OPD_A),  # GET: the confirmation page
    # The shared evidence library: OPD A's document is read like OPD A's records; changes are POSTs.
    "shared-documents": (_no_kwargs, SIGNED_IN),
    "shared-document-add": (_no_kwargs, POST_ONLY),
    "shared-document-detail": (lambda w: {"pk": w.shared_a.pk}, READ_OPD_A),
    "shared-document-download": (lambda w: {"pk": w.shared_a.pk}, READ_OPD_A),
    "shared-document-replace": (lambda w: {"pk": w.shared_a.pk}, POST_ONLY),
    "shared-document-delete": (lambda w: {"pk": w.shared_a.pk}, POST_ONLY),
    "shared-document-attach": (lambda w: {"pk": w.shared_a.pk}, POST_ONLY),
    "inovasi-shared-attach": (lambda w: {"pk": w.inovasi_a.pk, "indicator_pk": w.sid_indicator.pk}, POST_ONLY),
    "inovasi-review": (lambda w: {"pk": w.inovasi_a.pk}, READ_OPD_A),
    "inovasi-revisions": (lambda w: {"pk": w.inovasi_a.pk}, READ_OPD_A),
    "inovasi-transition": (lambda w: {"pk": w.inovasi_a.pk, "to": "diajukan"}, POST_ONLY),
    "inovasi-verify": (lambda w: {"pk": w.inovasi_a.pk, "indicator_pk": w.sid_indicator.pk}, POST_ONLY),
    "inovasi-verify-as-claimed": (lambda w: {"pk": w.inovasi_a.pk}, POST_ONLY),
    "inovasi-reconcile": (
        lambda w: {"pk": w.inovasi_a.pk, "indicator_pk": w.sid_indicator.pk, "side": "klaim"},
        POST_ONLY,
    ),
    "inovasi-national-outcome": (lambda w: {"pk": w.inovasi_a.pk}, POST_ONLY),
    "thread-start": (lambda w: {"pk": w.inovasi_a.pk, "indicator_pk": w.sid_indicator.pk}, POST_ONLY),
    "thread-reply": (lambda w: {"pk": w.thread_a.pk}, POST_ONLY),
    "thread-resolve": (lambda w: {"pk": w.thread_a.pk}, POST_ONLY),
    "notice-inbox": (_no_kwargs, SIGNED_IN),
    "notice-preferences": (_no_kwargs, SIGNED_IN),
    "notice-mark-all-read": (_no_kwargs, POST_ONLY),
    # A notice is its recipient's alone: opening it redirects to its link; anyone else gets 404.
    "notice-open": (lambda w: {"pk": w.notice_a.pk}, (302, 302, 404, 404, 404, 404, 404)),
    "review-queue": (_no_kwargs, (302, 404, 404, 404, 200, 404, 200)),
    "mentoring-index": (_no_kwargs, (302, 404, 404, 404, 200, 404, 200)),
    "help-request-create": (_no_kwargs, (302, 200, 200, 404, 404, 404, 404)),
    "help-request-update": (lambda w: {"pk": w.help_request_a.pk, "status": "done"}, POST_ONLY),
    # OPD A's case: its own people and the reviewers read it; pimpinan and OPD B do not.
    "mentoring-opd": (lambda w: {"opd_pk": w.opd_a.pk}, (302, 200, 404, 200, 200, 404, 200)),
    "mentoring-session-add": (lambda w: {"opd_pk": w.opd_a.pk}, POST_ONLY),
    "mentoring-case-close": (lambda w: {"opd_pk": w.opd_a.pk}, POST_ONLY),
    "follow-up-add": (lambda w: {"pk": w.session_a.pk}, POST_ONLY),
    "follow-up-done": (lambda w: {"pk": w.follow_up_a.pk}, POST_ONLY),
    "catalogue-list": (_no_kwargs, PUBLIC),
    "catalogue-detail": (lambda w: {"pk": w.inovasi_public.pk}, PUBLIC),
    "catalogue-photo": (lambda w: {"pk": w.photo_public.pk}, PUBLIC),
    "catalogue-opt-in": (lambda w: {"opd_pk": w.opd_a.pk}, POST_ONLY),
    # The OPD terinovatif award: the admin and the award's jurors (pendamping in the sample) open it.
    "awards-public": (_no_kwargs, PUBLIC),
    "awards-piagam": (lambda w: {"pk": w.award_result.pk}, PUBLIC),
    "award-list": (_no_kwargs, SIGNED_IN),
    "award-detail": (lambda w: {"pk": w.award.pk}, (302, 404, 404, 404, 200, 404, 200)),
    "award-criteria": (lambda w: {"pk": w.award.pk}, POST_ONLY),
    "award-score": (lambda w: {"pk": w.award.pk, "opd_pk": w.opd_a.pk}, POST_ONLY),
    "award-close-jury": (lambda w: {"pk": w.award.pk}, POST_ONLY),
    "award-decide": (lambda w: {"pk": w.award.pk}, POST_ONLY),
    "spd": (_no_kwargs, CITY_WIDE),
    "scores": (_no_kwargs, CITY_WIDE),
    "scores-recompute": (lambda w: {"year": 2026}, POST_ONLY),
    "spd-answer": (lambda w: {"indicator_pk": w.spd_indicator.pk}, POST_ONLY),
    "spd-evidence-add": (lambda w: {"indicator_pk": w.spd_indicator.pk}, POST_ONLY),
    # Exports: the same scoping as the pages they export.
    "export-index": (_no_kwargs, SIGNED_IN),
    "export-csv": (_no_kwargs, SIGNED_IN),
    "export-xlsx": (_no_kwargs, SIGNED_IN),
    "export-pdf": (_no_kwargs, CITY_WIDE),
    "export-inovasi-zip": (lambda w: {"pk": w.inovasi_a.pk}, READ_OPD_A),
    "export-opd-zip": (lambda w: {"opd_pk": w.opd_a.pk}, READ_OPD_A),
    "export-job-create": (_no_kwargs, POST_ONLY),
    "export-job-status": (lambda w: {"pk": w.export_job_a.pk}, OWN_JOB_A),
    "export-job-download": (lambda w: {"pk": w.export_job_a.pk}, OWN_JOB_A),
    # Sosialisasi and bimtek: OPD A is invited (operator A attended); Bappeda runs the event.
    "event-list": (_no_kwargs, SIGNED_IN),
    "event-detail": (lambda w: {"pk": w.event_a.pk}, EVENT_OF_OPD_A),
    "event-material": (lambda w: {"pk": w.material_a.pk}, EVENT_OF_OPD_A),
    "event-screen": (lambda w: {"pk": w.event_a.pk}, EVENT_ORGANISER),
    "event-attendance-pdf": (lambda w: {"pk": w.event_a.pk}, EVENT_ORGANISER),
    "event-mark": (lambda w: {"pk": w.event_a.pk}, POST_ONLY),
    "event-material-add": (lambda w: {"pk": w.event_a.pk}, POST_ONLY),
    # The QR's page: the invited only (operator A sees its check-in confirmed); the form posts back to it.
    "event-checkin": (
        lambda w: {"pk": w.event_a.pk, "code": event_rules.current_code(w.event_a)},
        (302, 200, 404, 200, 404, 404, 404),
    ),
    "event-certificate": (lambda w: {"pk": w.event_a.pk}, (302, 200, 404, 404, 404, 404, 404)),
    # Django admin: the Bappeda admin only; everyone else is sent to the (allauth) login.
    "admin:index": (_no_kwargs, ADMIN_ONLY),
    "admin:login": (_no_kwargs, (302, 403, 403, 403, 403, 403, 302)),
    "admin:logout": (_no_kwargs, (302, 302, 302, 302, 302, 302, 405)),
    "admin:password_change": (_no_kwargs, ADMIN_ONLY),
    "admin:password_change_done": (_no_kwargs, ADMIN_ONLY),
    "admin:autocomplete": (_no_kwargs, (302, 302, 302, 302, 302, 302, 403)),
    "admin:jsi18n": (_no_kwargs, ADMIN_ONLY),
    "admin:view_on_site": (
        lambda personas: {"content_type_id": 0, "object_id": 0},
        (302, 302, 302, 302, 302, 302, 404),
    ),
    "admin:app_list": (lambda personas: {"app_label": "accounts"}, ADMIN_ONLY),
    "admin:accounts_opd_import": (_no_kwargs, ADMIN_ONLY),
    "admin:accounts_opd_process_import": (_no_kwargs, (302, 302, 302, 302, 302, 302, 405)),
    "admin:accounts_opd_export": (_no_kwargs, ADMIN_ONLY),
    "admin:auth_user_password_change": (lambda personas: {"id": personas.operator_a.pk}, ADMIN_ONLY),
    # The audit trail can be read, never written: even the admin may not add or delete.
    "admin:audit_auditentry_add": (_no_kwargs, (302, 302, 302, 302, 302, 302, 403)),
    # Answers and evidence come from the portal only; an answered indicator is archived, not deleted.
    "admin:inovasi_answer_add": (_no_kwargs, (302, 302, 302, 302, 302, 302, 403)),
    "admin:inovasi_evidence_add": (_no_kwargs, (302, 302, 302, 302, 302, 302, 403)),
    # An answer is read-only in the admin: its claim and verdict change only through the portal's rules.
    "admin:inovasi_answer_delete": (
        lambda w: {"object_id": w.evidence_a.answer.pk},
        (302, 302, 302, 302, 302, 302, 403),
    ),
    # An innovation is made, edited and soft-deleted in the portal, by its rules; the admin only
    # reads it and restores a soft-deleted one (a hard delete would take its answers with it).
    "admin:inovasi_inovasi_add": (_no_kwargs, (302, 302, 302, 302, 302, 302, 403)),
    "admin:inovasi_inovasi_delete": (
        lambda w: {"object_id": w.evidence_a.answer.inovasi.pk},
        (302, 302, 302, 302, 302, 302, 403),
    ),
    # Shared documents change only through the portal's library, by its rules.
    "admin:inovasi_shareddocument_add": (_no_kwargs, (302, 302, 302, 302, 302, 302, 403)),
    "admin:inovasi_shareddocument_delete": (
        lambda w: {"object_id": w.shared_a.pk},
        (302, 302, 302, 302, 302, 302, 403),
    ),
    # Export jobs are made on the Ekspor page; the admin only reads and deletes them.
    "admin:inovasi_exportjob_add": (_no_kwargs, (302, 302, 302, 302, 302, 302, 403)),
    "admin:catalogue_indicator_delete": (
        lambda w: {"object_id": w.sid_indicator.pk},
        (302, 302, 302, 302, 302, 302, 403),
    ),
    "admin:audit_auditentry_delete": (
        lambda personas: {"object_id": _audit_entry(personas).pk},
        (302, 302, 302, 302, 302, 302, 403),
    ),
}


def _audit_entry(personas):
    return AuditEntry.objects.get_or_create(action="contoh", actor_name="admin")[0]


# Admin model pages: each registered model needs a sample object below.
# "simple_history" before "history": the longer suffix must win.
ADMIN_MODEL_PAGES = ["changelist", "add", "change", "delete", "simple_history", "history"]
ADMIN_SAMPLES = {
    "accounts_opd": lambda personas: personas.opd_a,
    "accounts_bidang": lambda personas: Bidang.objects.filter(opd=personas.opd_a).first(),
    "accounts_membership": lambda personas: Membership.objects.get(user=personas.operator_a),
    "accounts_user": lambda personas: personas.operator_a,
    "auth_group": lambda personas: Group.objects.get_or_create(name="Contoh")[0],
    "account_emailaddress": lambda personas: personas.operator_a.emailaddress_set.get_or_create(
        email=personas.operator_a.email
    )[0],
    "mfa_authenticator": lambda personas: Authenticator.objects.filter(user=personas.admin).first(),
    "audit_auditentry": _audit_entry,
    "catalogue_period": lambda w: Period.objects.current(),
    "catalogue_indicator": lambda w: w.sid_indicator,
    "inovasi_inovasi": lambda w: w.inovasi_a,
    "catalogue_urusan": lambda w: Urusan.objects.first(),
    "catalogue_referenceoption": lambda w: ReferenceOption.objects.first(),
    "inovasi_answer": lambda w: w.evidence_a.answer,
    "inovasi_evidence": lambda w: w.evidence_a,
    "inovasi_exportjob": lambda w: w.export_job_a,
    "awards_award": lambda w: w.award,
    "inovasi_shareddocument": lambda w: w.shared_a,
    "events_event": lambda w: w.event_a,
    "inovasi_mentorassignment": lambda w: MentorAssignment.objects.get_or_create(
        period=Period.objects.current(), opd=w.opd_a, mentor=w.pendamping
    )[0],
    "usersessions_usersession": lambda personas: UserSession.objects.get_or_create(
        session_key="sample-session", defaults={"user": personas.operator_a, "ip": "127.0.0.1", "user_agent": "test"}
    )[0],
}


def _admin_model_row(name):
    bare = name.removeprefix("admin:")
    page = next((page for page in ADMIN_MODEL_PAGES if bare.endswith(f"_{page}")), None)
    model_key = bare.removesuffix(f"_{page}")
    if page is None or model_key not in ADMIN_SAMPLES:
        return None
    if page in ("changelist", "add"):
        return _no_kwargs, ADMIN_ONLY
    if page == "simple_history":
        return (lambda w: _history_kwargs(ADMIN_SAMPLES[model_key](w))), ADMIN_ONLY
    return (lambda personas: {"object_id": ADMIN_SAMPLES[model_key](personas).pk}), ADMIN_ONLY


def _history_kwargs(obj):
    # django-simple-history's URL has unnamed groups, so it takes positional arguments.
    return [obj.pk, obj.history.latest().history_id]


def url_for(name, records):
    """Reverse `name` with its row's sample arguments (a dict of kwargs, or a list of args)."""
    arguments = row_for(name)[0](records)
    return reverse(name, kwargs=arguments) if isinstance(arguments, dict) else reverse(name, args=arguments)


def row_for(name):
    return URL_TABLE.get(name) or (_admin_model_row(name) if name.startswith("admin:") else None)


def project_url_names():
    return sorted({name for name, _route in named_urls() if name})


def build_records_of_every_kind(personas):
    """The personas plus one record of every kind, owned by OPD A: the sample arguments of URL_TABLE."""
    period = current_period()
    personas.sid_indicator = sid_indicator(period, 16)
    personas.sid_indicator.save()  # seeded by a migration, so it has no history row yet
    personas.spd_indicator = period.indicators.get(scope="spd", number="1")
    personas.inovasi_a = make_inovasi(personas.opd_a, personas.operator_a, period)
    personas.inovasi_a.budget_document.save("upload.pdf", ContentFile(MINIMAL_PDF))
    personas.evidence_a = add_evidence(personas.inovasi_a, personas.sid_indicator, personas.operator_a)
    personas.photo_a = add_photo(personas.inovasi_a)
    personas.shared_a = add_shared_document(period, personas.opd_a, personas.operator_a)
    personas.spd_evidence = add_evidence(None, personas.spd_indicator, personas.admin)
    personas.thread_a = CommentThread.objects.create(
        inovasi=personas.inovasi_a, indicator=personas.sid_indicator, created_by=personas.pendamping
    )
    personas.notice_a = Notice.objects.create(
        recipient=personas.operator_a, kind="status", subject="Contoh", body="-", url="/"
    )
    personas.help_request_a = HelpRequest.objects.create(
        period=period, opd=personas.opd_a, topic="Bantu indikator 16", requested_by=personas.operator_a
    )
    case = MentoringCase.objects.create(period=period, opd=personas.opd_a, opened_by=personas.pendamping)
    personas.session_a = MentoringSession.objects.create(
        case=case,
        held_on=period.entry_opens_at.date(),
        mode="clinic",
        attendees="-",
        topic="-",
        recorded_by=personas.pendamping,
    )
    personas.follow_up_a = FollowUp.objects.create(
        session=personas.session_a, action="-", owner="-", due_on=personas.session_a.held_on
    )
    # Queued as the view does (recording what it covers); tests roll back, so it is marked built by hand.
    personas.export_job_a = jobs.start(personas.operator_a, "xlsx", period)
    personas.export_job_a.status, personas.export_job_a.progress = "done", 100
    personas.export_job_a.file.save("siap-input.xlsx", ContentFile(b"PK"))
    Opd.objects.filter(pk=personas.opd_a.pk).update(public_catalogue=True)
    personas.inovasi_public = make_inovasi(personas.opd_a, personas.operator_a, period, status="disetujui")
    personas.photo_public = add_photo(personas.inovasi_public)
    earlier = Period.objects.get(year=2023)
    personas.inovasi_old_a = make_inovasi(personas.opd_a, personas.operator_a, earlier)
    add_award_records(personas)
    now = timezone.now()
    personas.event_a = Event.objects.create(
        title="Bimtek pengisian data",
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(hours=2),
        place="Aula",
    )
    personas.event_a.invited_opds.add(personas.opd_a)
    personas.material_a = Material.objects.create(event=personas.event_a, original_name="materi.pdf")
    personas.material_a.file.save("upload.pdf", ContentFile(MINIMAL_PDF))
    Attendance.objects.create(event=personas.event_a, user=personas.operator_a, opd=personas.opd_a, method="qr")
    return personas
