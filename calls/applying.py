"""Serving a call page and receiving an application: guards, one transaction, confirmation.

The rate limit and the request-size cap run earlier, before the body is read
(``calls.middleware``). Delivery to the intake and the confirmation e-mail leave the request through
their outbox rows (``calls.intake``, ``calls.confirmation_mail``).
"""

import hashlib
import json
import logging
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import get_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext as _

from calls import abuse, pending_uploads
from calls.answers import summary
from calls.confirmation_mail import enqueue_mail
from calls.intake import enqueue_delivery
from calls.records.applications import (
    Application,
    ApplicationFile,
    ConfirmationMail,
    IntakeDelivery,
)
from calls.tokens import make_token, read_token
from calls.uploads import max_application_size, max_file_size, stored_file_fields

logger = logging.getLogger(__name__)
_RECEIVED_SALT = "calls.received"
# Django's own text for a size in megabytes (filesizeformat's), in its own catalogue: the browser
# writes a file's size as the server's messages do ("31,0 MB"), whatever its Intl data knows.
DJANGO_MEGABYTES = "%s MB"


def _render(page, request, form=None, status=200, error=None, started=None):
    context = page.get_context(request)
    context.update(
        form=form,
        form_error=error,
        started_token=started or abuse.started_token(source=abuse.PAGE),
        honeypot_field=abuse.HONEYPOT_FIELD,
        started_field=abuse.STARTED_FIELD,
        has_file_fields=any(f.field_type == "file" for f in page.get_form_fields()),
        **browser_checks(),
    )
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    if request.method == "POST":  # it carries the applicant's answers: never kept by a cache
        patch_cache_control(response, private=True, no_store=True)
    return response


def browser_checks():
    """The limits and texts with which application-form.js checks the files before sending: the
    server's own messages (the file's size is left for the browser to fill in)."""
    file_limit, total_limit = max_file_size(), max_application_size()
    return {
        "max_file_size": file_limit,
        "max_application_size": total_limit,
        "file_size_error": _("The file is too large (%(size)s); the limit is %(limit)s per file.")
        % {"size": "%(size)s", "limit": filesizeformat(file_limit)},
        "total_size_error": _(
            "Together the files are too large; the limit is %(limit)s per application."
        )
        % {"limit": filesizeformat(total_limit)},
        "size_unit": gettext(DJANGO_MEGABYTES).replace(" ", "\xa0"),
        "decimal_separator": get_format("DECIMAL_SEPARATOR"),
    }


def serve_call(page, request):
    """GET shows the call (and its form while open); POST receives an application."""
    accepts_form = page.application_mode == page.EMBEDDED
    if request.method != "POST" or not accepts_form:
        form = (
            page.get_form(page=page, user=request.user) if accepts_form and page.is_open else None
        )
        return _render(page, request, form)

    # The deadline is checked now, at the time of the post, whatever the page showed when loaded.
    if not page.is_open:
        return _render(
            page, request, status=403,
            error=_("Applications for this call are not accepted now: it is not open. Nothing was stored."),
        )  # fmt: skip
    if abuse.honeypot_filled(request.POST):  # a field no person sees: a bot
        form = page.get_form(request.POST, page=page, user=request.user)
        return _render(
            page, request, form, status=400, started=abuse.started_token(source=abuse.PAGE),
            error=_("We could not accept this form. Please wait a moment, check it and send it again."),
        )  # fmt: skip
    started = request.POST.get(abuse.STARTED_FIELD, "")
    nonce = abuse.token_nonce(started)

    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    if not form.is_valid():
        pending_uploads.keep_uploads(form, page)  # shown as attached, reused on the next post
        # A missing or forged start token is replaced, so that the next post is timed from now.
        return _render(page, request, form, status=400, started=started if nonce else None)
    try:
        application = store_application(
            page, form, form_token=nonce, fingerprint=fingerprint(page, form),
            review_reason=needs_review(started),
        )  # fmt: skip
    except Exception:
        logger.exception("Storing an application to %s failed", page.code)
        return _render(
            page, request, form, status=500, started=started,
            error=_("Sorry, your application could not be stored. Nothing was kept; please try again."),
        )  # fmt: skip
    transaction.on_commit(lambda: pending_uploads.discard_used(form))
    token = make_token(application.pk, _RECEIVED_SALT)
    return HttpResponseRedirect(page.received_url(token))


def needs_review(started):
    """Why an application should be looked at by staff, from its form start token ("" if not).

    A form sent within ``CALLS_MIN_FILL_SECONDS`` of being shown is what a bot does, but also what
    a browser's autofill or a returning applicant does: it is stored and flagged, never refused,
    so that no person loses answers or files to a guard against bots.

    A token is single-use: a second application with the same nonce is stored, flagged as reused.
    A token from the page's HTML (no script ran: the page may come from the front-end cache, made
    long before) cannot tell the fill time, so it is flagged too.
    """
    nonce = abuse.token_nonce(started)
    if nonce is None:
        return Application.NO_START_TOKEN
    if Application.objects.filter(form_token=nonce).exists():
        return Application.REUSED_TOKEN
    if abuse.filled_too_fast(started):
        return Application.SENT_FAST
    if abuse.token_source(started) != abuse.FRESH:
        return Application.PAGE_TOKEN
    return ""


def serve_start_token(request):
    """A fresh start token for the form's script: never cached, limited per client address."""
    if abuse.over_token_limit(request):
        response = JsonResponse({"error": "too many requests"}, status=429)
    else:
        response = JsonResponse({"token": abuse.started_token(source=abuse.FRESH)})
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def _stored_value(value):
    if isinstance(value, date | Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return value


def duplicate_window():
    """Seconds within which the same answers sent again are recognised as the same application."""
    return settings.CALLS_DUPLICATE_WINDOW


def fingerprint(page, form):
    """A digest of the call, the answers and the files' contents: equal for a repeated submission."""
    answers = {}
    for field in page.get_form_fields():
        value = form.cleaned_data.get(field.key)
        answers[field.key] = (
            getattr(value, "sha256", "") if field.field_type == "file" else _stored_value(value)
        )
    text = json.dumps([page.pk, answers], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _earlier(page, form_token, digest):
    """The application this POST repeats: the same token and answers (a replay, at any time), or
    the same answers within the duplicate window."""
    if form_token:
        replayed = Application.objects.filter(form_token=form_token, fingerprint=digest).first()
        if replayed is not None:
            return replayed
    if digest:
        since = timezone.now() - timedelta(seconds=duplicate_window())
        return (
            Application.objects.filter(page=page, fingerprint=digest, submit_time__gte=since)
            .order_by("pk")
            .first()
        )
    return None


def _write_files(page, uploads):
    """Write the uploads to private storage; on any failure remove what was written and re-raise."""
    written = []
    try:
        for key, upload in uploads:
            stored = ApplicationFile(field_key=key, **stored_file_fields(upload))
            stored.application = Application(call_code=page.code)  # names the directory only
            stored.file.save(upload.safe_name, upload, save=False)
            written.append(stored)
    except Exception:
        _remove(written)
        raise
    return written


def _remove(stored_files):
    for stored in stored_files:
        try:
            stored.file.storage.delete(stored.file.name)
        except OSError:
            logger.exception("Could not remove %s", stored.file.name)


def store_application(page, form, form_token=None, fingerprint="", review_reason=""):
    """Store the application, its files and its outbox rows together, or nothing at all.

    Files are written first, then one short transaction stores the rows; if anything fails — the
    transaction or its commit — the files are removed again, so no file is left without its row
    and no row without its file. A repeat (the same start token and answers, or the same answers
    within ``CALLS_DUPLICATE_WINDOW``) stores nothing and returns the first application.
    ``review_reason`` flags it for staff (``Application.REVIEW_CHOICES``).
    """
    fields = list(page.get_form_fields())
    data, uploads = {}, []
    for field in fields:
        value = form.cleaned_data.get(field.key)
        if field.field_type == "file":
            data[field.key] = value.safe_name if value else ""
            if value:
                uploads.append((field.key, value))
        else:
            data[field.key] = _stored_value(value)
    country = next((data[f.key] for f in fields if f.field_type == "country" and data[f.key]), "")
    email = next((data[f.key] for f in fields if f.field_type == "email" and data[f.key]), "")
    written = _write_files(page, uploads)
    try:
        with transaction.atomic():
            _lock(fingerprint)
            earlier = _earlier(page, form_token, fingerprint)
            if earlier is None:
                application = Application.objects.create(
                    page=page,
                    form_data=data,
                    call_code=page.code,
                    language=page.locale.language_code,
                    country=country,
                    email=email,
                    form_token=form_token or None,
                    fingerprint=fingerprint,
                    review_reason=review_reason,
                )
                application.assign_reference()
                for stored in written:
                    stored.application = application
                    stored.save()
                delivery = IntakeDelivery.objects.create(application=application)
                mail = ConfirmationMail.objects.create(application=application) if email else None
                _after_commit(delivery, mail)
    except IntegrityError:
        # The same token and answers in a concurrent request won the race: that is the application.
        _remove(written)
        earlier = _earlier(page, form_token, fingerprint)
        if earlier is None:
            raise
        return earlier
    except Exception:
        _remove(written)
        raise
    if earlier is not None:
        _remove(written)
        return earlier
    return application


def _lock(digest):
    """Serialise transactions storing the same answers (SQLite's IMMEDIATE transactions already are)."""
    if digest and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(digest[:15], 16)])


def _after_commit(delivery, mail):
    transaction.on_commit(lambda: enqueue_delivery(delivery.pk))
    if mail is not None:
        transaction.on_commit(lambda: enqueue_mail(mail.pk))


def serve_confirmation(page, request, token):
    """The confirmation page, reached by a signed link right after the application was stored."""
    try:
        pk = read_token(token, _RECEIVED_SALT, max_age=24 * 3600)
        application = Application.objects.get(pk=pk, page=page)
    except (signing.BadSignature, Application.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error
    context = page.get_context(request)
    context.update(
        application=application,
        summary=summary(page, application, mask=True),
        files=list(application.files.all()),
        language=get_language(),
    )
    response = TemplateResponse(request, page.get_landing_page_template(request), context)
    patch_cache_control(response, private=True, no_store=True)
    return response
