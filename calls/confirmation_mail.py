"""The applicant's confirmation e-mail, sent by a worker from the outbox (``ConfirmationMail``).

The request that stores the application only writes the outbox row; a django-tasks task (the
database backend's worker in production) sends it, and ``deliver_intake`` queues whatever is due
again. A mail server that fails or hangs (``EMAIL_TIMEOUT``, bounded in the settings) is recorded
on the row and retried; the applicant has long seen the reference on the confirmation page. The
task runs on the ``mail`` queue, which has a worker of its own (``db_worker --queue-name=mail``),
so that a hanging mail server never holds up an intake delivery.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from calls import outbox
from calls.answers import summary
from calls.outbox import backoff, begin_attempt, finish, lease_margin
from calls.records.applications import ConfirmationMail

logger = logging.getLogger(__name__)
QUEUE = "mail"  # every e-mail task runs on it


def lease():
    """How long a worker may hold an e-mail: a few SMTP timeouts and then some."""
    return timedelta(seconds=settings.EMAIL_TIMEOUT * 3) + lease_margin()


def call_address(page):
    """The call page's absolute address on the site's configured base URL.

    ``WAGTAILADMIN_BASE_URL`` (scheme, host and port) rather than the Wagtail Site's hostname:
    the worker has no request, and the Site record of a development database says
    ``localhost:80``, which made the link ``http://localhost/…`` without the server's port.
    """
    parts = page.get_url_parts()
    if parts is None:
        return ""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + parts[2]


def attempt_mail(mail, now=None):
    """Send one claimed confirmation e-mail and record the outcome."""
    now = now or timezone.now()
    application = mail.application
    page = application.page.specific
    with translation.override(application.language):
        context = {
            "page": page,
            "application": application,
            "summary": summary(page, application),
            "call_url": call_address(page),
        }
        subject = _("Application received: %(reference)s") % {"reference": application.reference}
        body = render_to_string("calls/email/confirmation.txt", context)
    if not begin_attempt(mail, now):
        return mail  # the lease ran out: another worker has the row
    try:
        send_mail(subject, body, None, [application.email])
    except Exception as error:  # SMTP errors, timeouts, refused connections: all retried
        logger.warning("Confirmation e-mail for %s failed: %s", application.reference, error)
        finish(
            mail,
            succeeded=False,
            now=now,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=now + backoff(mail.attempts),
        )
    else:
        finish(mail, succeeded=True, now=now)
    return mail


@task(queue_name=QUEUE)
def send_confirmation_mail(mail_id):
    """Background task: send one confirmation e-mail if it is due and no other worker holds it."""
    outbox.run_task(send_confirmation_mail, ConfirmationMail, lease(), attempt_mail, mail_id)


def enqueue_mail(mail_id):
    outbox.enqueue(send_confirmation_mail, mail_id)


def send_due(now=None, limit=200):
    """Send, in this process, every confirmation e-mail that is due."""
    return outbox.attempt_due(ConfirmationMail, lease(), attempt_mail, now, limit)


def enqueue_due(now=None):
    """Queue a task on the mail queue for every due e-mail not already in flight."""
    return outbox.enqueue_due(send_confirmation_mail, ConfirmationMail, lease(), now)
