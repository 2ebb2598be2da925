from .applications import (
    Application,
    ApplicationFile,
    ConfirmationMail,
    IntakeAttempt,
    IntakeDelivery,
)
from .form_fields import FormField
from .pages import CallIndexPage, CallPage
from .pending_uploads import PendingUpload

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
