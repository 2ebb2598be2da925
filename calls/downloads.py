"""Serving applicants' private files: to staff with permission, or to the intake by a signed link."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from calls.records.applications import ApplicationFile
from calls.tokens import FILE_URL_SALT, read_token


def _attachment(stored):
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=stored.original_name, content_type=stored.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def staff_download(request, file_id):
    """Admin view: the file as an attachment, for users allowed to view applications."""
    if not request.user.has_perm("calls.view_application"):
        raise PermissionDenied
    return _attachment(get_object_or_404(ApplicationFile, pk=file_id))


def serve_signed_file(page, request, token):
    """The intake fetches a file through an expiring signed address (see calls.intake)."""
    try:
        pk = read_token(token, FILE_URL_SALT, max_age=settings.INTAKE_FILE_URL_MAX_AGE)
    except signing.BadSignature as error:
        raise Http404 from error
    stored = get_object_or_404(ApplicationFile, pk=pk, application__page_id=page.pk)
    return _attachment(stored)
