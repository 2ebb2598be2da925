"""Serving a call page and receiving an application: guards, one transaction, confirmation."""

import logging
from datetime import date
from decimal import Decimal

from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from calls import abuse, pending_uploads
from calls.models import Application, ApplicationFile, IntakeDelivery
from calls.tokens import make_token, read_token

logger = logging.getLogger(__name__)
_RECEIVED_SALT = "calls.received"


def _render(page, request, form=None, status=200, error=None, started=None):
    context = page.get_context(request)
    context.update(
        form=form,
        form_error=error,
        started_token=started or abuse.started_token(),
        honeypot_field=abuse.HONEYPOT_FIELD,
        started_field=abuse.STARTED_FIELD,
        has_file_fields=any(f.field_type == "file" for f in page.get_form_fields()),
    )
    return TemplateResponse(request, page.get_template(request), context, status=status)


def serve_call(page, request):
    """GET shows the call (and its form while open); POST receives an application."""
    accepts_form = page.application_mode == page.EMBEDDED
    if request.method != "POST" or not accepts_form:
        form = (
            page.get_form(page=page, user=request.user) if accepts_form and page.is_open else None
        )
        return _render(page, request, form)

    if abuse.over_rate_limit(request):
        return TemplateResponse(request, "calls/too_many_requests.html", {"page": page}, status=429)
    # The deadline is checked now, at the time of the post, whatever the page showed when loaded.
    if not page.is_open:
        return _render(
            page, request, status=403,
            error=_("Applications for this call are not accepted now: it is not open. Nothing was stored."),
        )  # fmt: skip
    started = request.POST.get(abuse.STARTED_FIELD, "")
    if abuse.honeypot_filled(request.POST) or abuse.filled_too_fast(started):
        form = page.get_form(request.POST, page=page, user=request.user)
        return _render(
            page, request, form, status=400, started=abuse.started_token(),
            error=_("We could not accept this form. Please wait a moment, check it and send it again."),
        )  # fmt: skip

    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    if not form.is_valid():
        pending_uploads.keep_uploads(form, page)  # shown as attached, reused on the next post
        return _render(page, request, form, status=400, started=started)
    try:
        application = store_application(page, form)
    except Exception:
        logger.exception("Storing an application to %s failed", page.code)
        return _render(
            page, request, form, status=500, started=started,
            error=_("Sorry, your application could not be stored. Nothing was kept; please try again."),
        )  # fmt: skip
    transaction.on_commit(lambda: pending_uploads.discard_used(form))
    send_confirmation(page, application)
    token = make_token(application.pk, _RECEIVED_SALT)
    return HttpResponseRedirect(
        page.url + page.reverse_subpage("received", kwargs={"token": token})
    )


def _stored_value(value):
    if isinstance(value, date | Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return value


@transaction.atomic
def store_application(page, form):
    """Store the application, its files and its outbox row together, or nothing at all."""
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
    application = Application.objects.create(
        page=page,
        form_data=data,
        call_code=page.code,
        language=page.locale.language_code,
        country=country,
        email=email,
    )
    application.assign_reference()
    written = []
    try:
        for key, upload in uploads:
            stored = ApplicationFile(
                application=application,
                field_key=key,
                original_name=upload.safe_name,
                content_type=upload.mime,
                size=upload.size,
                sha256=upload.sha256,
            )
            stored.file.save(upload.safe_name, upload, save=False)
            written.append(stored.file)
            stored.save()
        delivery = IntakeDelivery.objects.create(application=application)
    except Exception:
        # The database rolls back; files already written must go too.
        for file in written:
            file.storage.delete(file.name)
        raise
    from calls.intake import enqueue_delivery

    transaction.on_commit(lambda: enqueue_delivery(delivery.pk))
    return application


def send_confirmation(page, application):
    """E-mail the applicant (in the page's language) the reference and a summary; never fatal."""
    if not application.email:
        return
    context = {"page": page, "application": application, "summary": summary(page, application)}
    try:
        send_mail(
            _("Application received: %(reference)s") % {"reference": application.reference},
            render_to_string("calls/email/confirmation.txt", context),
            None,
            [application.email],
        )
    except Exception:
        logger.exception("Confirmation e-mail for %s failed", application.reference)


def summary(page, application):
    """[(label in the page's language, value shown)] of what was received."""
    rows = []
    for field in page.get_form_fields():
        value = application.form_data.get(field.key, "")
        if field.field_type in ("dropdown", "checkboxes", "country"):
            labels = dict(field.choice_pairs())
            if field.field_type == "country":
                from calls.form_builder import CallFormBuilder

                labels = dict(CallFormBuilder([], page=page).country_choices())
            values = value if isinstance(value, list) else [value]
            value = ", ".join(str(labels.get(item, item)) for item in values if item)
        rows.append((field.label, value))
    return rows


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
        summary=summary(page, application),
        files=list(application.files.all()),
        language=get_language(),
    )
    return TemplateResponse(request, page.get_landing_page_template(request), context)
