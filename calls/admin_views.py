"""Staff views: export applications per call by stable field key, retry a delivery."""

import csv
import io
from datetime import UTC

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calls.intake import retry_now
from calls.models import Application, CallPage, IntakeDelivery
from calls.spreadsheets import csv_cell, xlsx_row

FIXED_COLUMNS = [
    "reference", "call_code", "language", "country", "submitted_at_utc", "delivery", "review",
]  # fmt: skip
# A form field whose key is also a fixed column's name is exported under this prefix.
ANSWER_PREFIX = "answer_"


def _form_keys(call_code):
    """The stable field keys of the call's form (English form order first), and the key of its
    first country field (None without one)."""
    keys, country_key = [], None
    pages = CallPage.objects.filter(code=call_code).prefetch_related("form_fields").order_by("pk")
    for page in pages:
        for field in page.form_fields.all():
            if field.field_type == "country" and country_key is None:
                country_key = field.key
            if field.key not in keys:
                keys.append(field.key)
    return keys, country_key


def export_fields(call_code):
    """(column, field key) of the call's form fields, after the fixed columns.

    The applicant's country is the ``country`` column (the answer to the form's first country
    field, as ``Application.country``): that field is not exported a second time. Any other key
    that is the name of a fixed column becomes ``answer_<key>``, so that every column has one
    meaning.
    """
    keys, country_key = _form_keys(call_code)
    return [
        (ANSWER_PREFIX + key if key in FIXED_COLUMNS else key, key)
        for key in keys
        if key != country_key
    ]


def export_columns(call_code):
    """Fixed columns, then one per stable field key of the call."""
    return FIXED_COLUMNS + [column for column, _key in export_fields(call_code)]


def export_rows(call_code, request, filters=None):
    fields = export_fields(call_code)
    _keys, country_key = _form_keys(call_code)
    applications = (
        Application.objects.filter(call_code=call_code, **(filters or {}))
        .select_related("delivery")
        .prefetch_related("files")
        .order_by("submit_time")
    )
    for application in applications:
        files = {}
        for stored in application.files.all():
            files[stored.field_key] = request.build_absolute_uri(
                reverse("calls_admin:file", args=[stored.pk])
            )
        row = [
            application.reference,
            application.call_code,
            application.language,
            application.form_data.get(country_key) or application.country,
            application.submit_time.astimezone(UTC).isoformat(),
            getattr(getattr(application, "delivery", None), "status", ""),
            application.review_reason,  # "" unless flagged (Application.REVIEW_CHOICES)
        ]
        for _column, key in fields:
            value = files.get(key) or application.form_data.get(key, "")
            row.append("; ".join(value) if isinstance(value, list) else value)
        yield row


def may_read_applications(user):
    """Applicants' personal data (applications, their files, exports, form submissions) is for
    staff with the "view application" permission only; translators never have it."""
    return user.has_perm("calls.view_application")


def export_applications(request):
    """Without ``call``: the list of calls to export; with it: a CSV or XLSX file."""
    if not may_read_applications(request.user):
        raise PermissionDenied
    call_code = request.GET.get("call", "")
    if not call_code:
        codes = (
            Application.objects.values_list("call_code", flat=True).distinct().order_by("call_code")
        )
        return TemplateResponse(request, "calls/admin/export.html", {"codes": list(codes)})
    filters = {}
    for param, lookup in (
        ("language", "language"),
        ("country", "country"),
        ("delivery", "delivery__status"),
    ):
        if request.GET.get(param):
            filters[lookup] = request.GET[param]
    columns = export_columns(call_code)
    rows = export_rows(call_code, request, filters)
    safe_code = "".join(ch for ch in call_code if ch.isalnum() or ch in "-_") or "call"
    if request.GET.get("format") == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(safe_code[:31])
        sheet.append(xlsx_row(sheet, columns))
        for row in rows:
            sheet.append(xlsx_row(sheet, row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{safe_code}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{safe_code}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8 (Cyrillic) correctly
    writer = csv.writer(response)
    writer.writerow([csv_cell(column) for column in columns])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return response


@require_POST
def retry_delivery(request, delivery_id):
    if not request.user.has_perm("calls.change_intakedelivery"):
        raise PermissionDenied
    delivery = get_object_or_404(IntakeDelivery, pk=delivery_id)
    retry_now(delivery)
    messages.success(
        request, _("Delivery of %(ref)s queued again.") % {"ref": delivery.application}
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("calls_applications:index")  # never away from this site
    return redirect(target)
