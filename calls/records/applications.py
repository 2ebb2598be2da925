"""Applications to calls, their private files and their delivery to the intake system (an outbox)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractFormSubmission

from calls.storage import private_storage
from home.models import Country


class Application(AbstractFormSubmission):
    """One submitted application; ``form_data`` holds values by stable field key."""

    # Why staff should look at an application before trusting it. The anti-bot guards never refuse
    # a person's answers and files: a form that looks automated is stored and flagged instead.
    SENT_FAST = "sent_fast"
    NO_START_TOKEN = "no_start_token"
    REUSED_TOKEN = "reused_token"
    PAGE_TOKEN = "page_token"
    REVIEW_CHOICES = [
        (SENT_FAST, _("Sent within seconds of opening the form (autofill or a bot)")),
        (NO_START_TOKEN, _("Sent without a valid form start (an old page or a bot)")),
        (
            REUSED_TOKEN,
            _("Its form start was already used by another application (a copied form or a bot)"),
        ),
        (
            PAGE_TOKEN,
            _("Sent without the browser's script, so its fill time is unknown (a cached page)"),
        ),
    ]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        max_length=32, unique=True, null=True, blank=True, verbose_name=_("Reference")
    )
    call_code = models.CharField(max_length=40, db_index=True, verbose_name=_("Call code"))
    language = models.CharField(max_length=10, db_index=True, verbose_name=_("Language"))
    country = models.CharField(max_length=80, blank=True, db_index=True, verbose_name=_("Country"))
    email = models.EmailField(blank=True, verbose_name=_("Applicant e-mail"))
    # The nonce of the form start token and a digest of the answers and files: together they are
    # unique, so a replayed POST cannot store a second application; the digest alone recognises the
    # same application sent again soon. (The token alone cannot be single-use: the call page, and
    # with it the token, is shared by every visitor through the front-end cache.)
    form_token = models.CharField(max_length=64, null=True, blank=True, editable=False)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    review_reason = models.CharField(
        max_length=20,
        blank=True,
        choices=REVIEW_CHOICES,
        db_index=True,
        verbose_name=_("To review"),
        help_text=_("Set when the form looked automated; empty for an ordinary application."),
    )

    class Meta:
        ordering = ["-submit_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["form_token", "fingerprint"], name="calls_application_one_per_token"
            )
        ]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self):
        return self.reference or str(self.uuid)

    @property
    def language_name(self):
        """The applicant's language in its own name ("sq" → "Shqip")."""
        return dict(settings.LANGUAGES).get(self.language, self.language)

    @property
    def country_name(self):
        """The country's name: annotated by the admin list's queryset, else looked up."""
        if not self.country:
            return "—"
        name = getattr(self, "country_here", None) or getattr(self, "country_english", None)
        if name is None:
            term = Country.objects.filter(slug=self.country).order_by("locale__language_code")
            name = term.values_list("name", flat=True).first()
        return name or self.country

    @property
    def review_note(self):
        """What the applications list and the export say about the review flag."""
        return self.get_review_reason_display() if self.review_reason else "—"

    @property
    def delivery_state(self):
        delivery = getattr(self, "delivery", None)
        return delivery.get_status_display() if delivery else "—"

    def assign_reference(self):
        """``SB-<year>-<number>``: unique across the programme because it is built from the id."""
        year = timezone.localtime(self.submit_time).year
        self.reference = f"SB-{year}-{self.pk:06d}"
        type(self).objects.filter(pk=self.pk).update(reference=self.reference)


def _upload_to(instance, filename):
    # Random directory per file: names never collide and never reveal another applicant's file.
    return f"{instance.application.call_code or 'call'}/{uuid.uuid4().hex}/{filename}"


class ApplicationFile(models.Model):
    """A file attached to an application, stored privately."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    field_key = models.CharField(max_length=60, verbose_name=_("Field"))
    file = models.FileField(upload_to=_upload_to, storage=private_storage, max_length=255)
    original_name = models.CharField(max_length=200, verbose_name=_("File name"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(verbose_name=_("Size"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("application file")
        verbose_name_plural = _("application files")

    def __str__(self):
        return self.original_name


class OutboxRow(models.Model):
    """Work to do after an application is stored (deliver it, e-mail the applicant): retried until
    done. A worker claims a row by setting a lease (``calls.outbox``), so two workers never run the
    same row at once and a worker killed mid-run leaves a row that another takes up when the lease
    expires."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    STATUS_CHOICES = [
        (PENDING, _("Pending")),
        (DELIVERED, _("Delivered")),
        (FAILED, _("Failed")),
    ]

    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    lease_token = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        abstract = True


class IntakeDelivery(OutboxRow):
    """The outbox row of one application: it is delivered to the intake system, retried until done."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="delivery"
    )
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)

    class Meta:
        verbose_name = _("intake delivery")
        verbose_name_plural = _("intake deliveries")

    def __str__(self):
        return f"{self.application} — {self.get_status_display()}"


class IntakeAttempt(models.Model):
    """One try to hand an application to the intake, and what came of it (kept for every try)."""

    delivery = models.ForeignKey(IntakeDelivery, on_delete=models.CASCADE, related_name="tries")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    outcome = models.CharField(max_length=12)  # delivered, retry, failed
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["started_at"]

    def __str__(self):
        return f"{self.delivery_id} {self.started_at:%Y-%m-%d %H:%M:%S} {self.outcome}"


class ConfirmationMail(OutboxRow):
    """The applicant's confirmation e-mail: sent by a worker, retried when the mail server fails."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="confirmation_mail"
    )

    class Meta:
        verbose_name = _("confirmation e-mail")
        verbose_name_plural = _("confirmation e-mails")

    def __str__(self):
        return f"{self.application} — {self.get_status_display()}"
