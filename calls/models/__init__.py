from calls.records.applications import (
    Application,
    ApplicationFile,
    ConfirmationMail,
    IntakeAttempt,
    IntakeDelivery,
)
from calls.records.pending_uploads import PendingUpload

from .form_fields import FormField
from .pages import CallIndexPage, CallPage

__all__ = [
    "Application",
    "ApplicationFile",
    "CallIndexPage",
    "CallPage",
    "ConfirmationMail",
    "FormField",
    "IntakeAttempt",
    "IntakeDelivery",
    "PendingUpload",
]
