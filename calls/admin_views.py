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


def export_columns(call_code):
    """Fixed columns, then one per stable field key of the call (English form order first)."""
    keys = []
    pages = CallPage.objects.filter(code=call_code).prefetch_related("form_fields").order_by("pk")
    for page in pages:
        for field in page.form_fields.all():
            if field.key not in keys:
                keys.append(field.key)
    return FIXED_COLUMNS + keys


def export_rows(call_code, request, filters=None):
    columns = export_columns(call_code)
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
        row = {
            "reference": application.reference,
            "call_code": application.call_code,
            "language": application.language,
            "country": application.country,
            "submitted_at_utc": application.submit_time.astimezone(UTC).isoformat(),
            "delivery": getattr(getattr(application, "delivery", None), "status", ""),
            "review": application.review_reason,  # "" unless flagged (Application.REVIEW_CHOICES)
        }
        for key in columns[len(FIXED_COLUMNS) :]:
            value = files.get(key) or application.form_data.get(key, "")
            row[key] = "; ".join(value) if isinstance(value, list) else value
        yield [row.get(column, "") for column in columns]


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
