"""Uploads survive a form with errors: kept privately for a while and reused on the next try.

When an application comes back with errors (a missing field, a wrong e-mail…), the files that
passed their checks are stored as ``PendingUpload`` rows in the private storage
(calls/storage.py; no public address) and the form shows "Attached: name (size)" with a signed
token in a hidden input, a box to remove the file and the file input to replace it. On the next
post the token brings the file back as the field's value (checked again like a new upload), so a
successful application stores it like any other file; the rows it used are then deleted.
Rows that nobody came back for expire (``CALLS_PENDING_UPLOAD_HOURS``, default 24) and are
deleted by ``manage.py clean_pending_uploads`` (and, a few at a time, whenever files are kept).
"""

import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.core.files import File
from django.utils import timezone

from calls.records.pending_uploads import PendingUpload
from calls.uploads import stored_file_fields

logger = logging.getLogger(__name__)
_SALT = "calls.pending-upload"
PENDING_SUFFIX = "-kept"  # hidden input: the signed token of the kept file
REMOVE_SUFFIX = "-remove"  # checkbox: forget the kept file


def keep_hours():
    return settings.CALLS_PENDING_UPLOAD_HOURS


class KeptFile(File):
    """A kept upload as a form value: what an UploadedFile offers the form and the storage."""

    def __init__(self, pending):
        super().__init__(pending.file.open("rb"), name=pending.original_name)
        self.pending = pending
        self.size = pending.size
        self.content_type = pending.content_type


class KeptFileInput(forms.FileInput):
    """A file input that also shows, carries and brings back the file kept from the last try."""

    template_name = "calls/widgets/kept_file_input.html"

    def __init__(self, page=None, field_key="", attrs=None):
        super().__init__(attrs)
        self.page, self.field_key = page, field_key
        self.kept = None  # the PendingUpload shown as attached
        self._kept_file = None

    def value_from_datadict(self, data, files, name):
        upload = files.get(name)
        if upload:
            return upload  # a new file replaces the kept one
        if data.get(name + REMOVE_SUFFIX):
            self.kept = None
            return None
        token = data.get(name + PENDING_SUFFIX)
        if self.kept is None and token:
            self.kept = resolve(token, self.page, self.field_key)
        if self.kept is None:
            return None
        if self._kept_file is None or self._kept_file.pending is not self.kept:
            self._kept_file = KeptFile(self.kept)
        return self._kept_file

    def use_required_attribute(self, initial):
        return super().use_required_attribute(initial) and self.kept is None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            kept=self.kept,
            kept_token=signing.dumps([self.kept.pk, self.page.pk, self.field_key], salt=_SALT)
            if self.kept
            else "",
            kept_name=name + PENDING_SUFFIX,
            remove_name=name + REMOVE_SUFFIX,
        )
        return context


def resolve(token, page, field_key):
    """The unexpired PendingUpload a token names, if it was made for this call page and field."""
    try:
        pk, page_id, key = signing.loads(token, salt=_SALT, max_age=keep_hours() * 3600)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if page is None or page_id != page.pk or key != field_key:
        return None
    pending = PendingUpload.objects.filter(
        pk=pk, page_id=page_id, field_key=key, expires_at__gt=timezone.now()
    ).first()
    if pending is None or not pending.file.storage.exists(pending.file.name):
        return None
    return pending


def _kept_widgets(form):
    for name, field in form.fields.items():
        if isinstance(field.widget, KeptFileInput):
            yield name, field.widget


def keep_uploads(form, page):
    """After a form with errors: keep every new upload that passed its checks (shown as attached)."""
    delete_expired(limit=20)
    expires_at = timezone.now() + timedelta(hours=keep_hours())
    for name, widget in _kept_widgets(form):
        upload = form.cleaned_data.get(name)
        if not upload or isinstance(upload, KeptFile):
            continue
        pending = PendingUpload(
            page=page,
            field_key=widget.field_key,
            expires_at=expires_at,
            **stored_file_fields(upload),
        )
        pending.file.save(upload.safe_name, upload, save=False)
        try:
            pending.save()
        except Exception:
            pending.file.storage.delete(pending.file.name)
            raise
        widget.kept = pending


def discard_used(form):
    """After a stored application: its kept files now live with it; delete the pending copies."""
    for _name, widget in _kept_widgets(form):
        if widget.kept is not None:
            _delete(widget.kept)
            widget.kept = None


def _delete(pending):
    try:
        pending.file.close()
        pending.file.storage.delete(pending.file.name)
    except OSError:
        logger.warning("Could not delete the kept upload %s", pending.file.name, exc_info=True)
    PendingUpload.objects.filter(pk=pending.pk).delete()


def delete_expired(now=None, limit=None):
    """Delete expired kept uploads (files and rows); returns how many."""
    expired = PendingUpload.objects.filter(expires_at__lte=now or timezone.now()).order_by("pk")
    if limit:
        expired = expired[:limit]
    count = 0
    for pending in expired:
        _delete(pending)
        count += 1
    return count
