"""Creating notices and mailing them: single mails on commit, or one daily digest.

A notice holds plain text (what people wrote, unescaped). It is escaped exactly once, where it
becomes HTML: by autoescaping in the inbox page and in the HTML mail. The `.txt` templates (notice
texts, subjects, the mail's text part) are therefore rendered with autoescaping off.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.notices.models import Notice, Preference

logger = logging.getLogger(__name__)

# A notice's title is what happened ("Layanan X: Diajukan"); the mail of one notice carries it as its subject
# after this prefix, which tells the mail apart in an inbox (the digest's subject template has its own).
EMAIL_SUBJECT_PREFIX = "[Portal IID] "


def preferences_for(users, kind):
    """{user id: (email, digest)}; a user without a saved choice gets single e-mails."""
    saved = Preference.objects.filter(user__in=users, kind=kind).values_list("user_id", "email", "digest")
    chosen = {user_id: (email, digest) for user_id, email, digest in saved}
    return {user.pk: chosen.get(user.pk, (True, False)) for user in users}


def render_text(template_name, context):
    """Render a plain-text template as text: `<` stays `<` (HTML escaping belongs to the HTML outputs)."""
    return Engine.get_default().get_template(template_name).render(Context(context, autoescape=False))


def one_line(text):
    """A mail subject is a single header line: any line breaks of the names in it become spaces."""
    return " ".join(text.split())


def notify(users, kind, template, context, url=""):
    """Write one Notice per user (in this transaction) and queue the single mails on commit."""
    users = list({user.pk: user for user in users if user.is_active}.values())
    choices = preferences_for(users, kind)
    with translation.override(settings.LANGUAGE_CODE):
        subject = one_line(render_text(f"notices/email/{template}_subject.txt", context))
        body = render_text(f"notices/email/{template}_body.txt", context).strip()
    notices = Notice.objects.bulk_create(
        Notice(
            recipient=user,
            kind=kind,
            subject=subject[:200],
            body=body,
            url=url,
            email_wanted=choices[user.pk][0],
            in_digest=choices[user.pk][1],
        )
        for user in users
    )
    for notice in notices:
        if notice.email_wanted and not notice.in_digest:
            transaction.on_commit(partial(queue_email, notice.pk), robust=True)
    return notices


def queue_email(notice_id):
    from portal.notices.tasks import send_notice_email_task

    try:
        send_notice_email_task.delay(notice_id=notice_id)
    except Exception:
        # Broker down: the notice stays unsent and the periodic sweep mails it later.
        logger.exception("Could not queue the e-mail for notice %s", notice_id)


def send_notice_email(notice):
    """Mail one notice unless it already went out (a retried task must not mail twice)."""
    claimed = Notice.objects.filter(pk=notice.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if not claimed or not notice.recipient.email:
        return False
    try:
        _mail(notice.recipient, EMAIL_SUBJECT_PREFIX + notice.subject, "notices/email/single", {"notice": notice})
    except Exception:
        # Give the claim back so the task's retry or the sweep can send it later.
        Notice.objects.filter(pk=notice.pk).update(emailed_at=None)
        raise
    return True


def send_digest(user, notices):
    ids = [notice.pk for notice in notices]
    claimed = Notice.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if not claimed or not user.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject = one_line(render_text("notices/email/digest_subject.txt", {"count": len(notices)}))
    try:
        _mail(user, subject, "notices/email/digest", {"notices": notices})
    except Exception:
        Notice.objects.filter(pk__in=ids).update(emailed_at=None)
        raise
    return True


def _mail(user, subject, template, context):
    context = {**context, "user": user, "site_url": settings.SITE_URL}
    with translation.override(settings.LANGUAGE_CODE):
        text = render_text(f"{template}_body.txt", context)
        html = render_to_string(f"{template}_body.html", context)  # autoescaped: the one escaping of the text
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()
