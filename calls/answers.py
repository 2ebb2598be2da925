"""What an applicant sent, read back in the page's language: the confirmation page and e-mail."""

from decimal import Decimal, InvalidOperation

from calls.form_builder import CallFormBuilder
from home.templatetags.formatting import format_number


def mask_email(address):
    """``a•••t@example.org``: enough for the applicant to recognise, not the address in full."""
    local, at, domain = str(address or "").rpartition("@")
    if not at:
        return "•••"
    shown = local[0] + "•••" + local[-1] if len(local) > 2 else local[:1] + "•••"
    return f"{shown}@{domain}"


def shown_number(value):
    """A number answer (stored as "8500" or "8500.50") as the active language writes it: "8.500"."""
    try:
        return format_number(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return value  # not a number after all: shown as stored


def summary(page, application, mask=False):
    """[(label in the page's language, value shown)] of what was received (e-mails masked if asked,
    numbers grouped as the active language groups them)."""
    rows = []
    for field in page.get_form_fields():
        value = application.form_data.get(field.key, "")
        if mask and field.field_type == "email" and value:
            value = mask_email(value)
        if field.field_type == "number" and value not in ("", None):
            value = shown_number(value)
        if field.field_type in ("dropdown", "checkboxes", "country"):
            labels = dict(field.choice_pairs())
            if field.field_type == "country":
                labels = dict(CallFormBuilder([], page=page).country_choices())
            values = value if isinstance(value, list) else [value]
            value = ", ".join(str(labels.get(item, item)) for item in values if item)
        rows.append((field.label, value))
    return rows
