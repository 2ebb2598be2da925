"""Form-builder fields of a call's application form, with one stable key in every language."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractFormField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

FIELD_TYPES = [
    (value, label)
    for value, label in FORM_FIELD_CHOICES
    if value not in ("hidden", "datetime", "radio", "multiselect")
] + [("country", _("Country")), ("file", _("File upload"))]


def split_lines(value):
    """Newline (or, if one line, comma) separated items, stripped, empties dropped."""
    lines = (value or "").strip().splitlines()
    if len(lines) <= 1:
        lines = (value or "").split(",")
    return [line.strip() for line in lines if line.strip()]


class FormField(TranslatableMixin, AbstractFormField):
    """One field of a call's form. ``key`` is the same in every language: it names the export column."""

    page = ParentalKey("calls.CallPage", on_delete=models.CASCADE, related_name="form_fields")
    key = models.SlugField(
        max_length=60,
        verbose_name=_("Key"),
        help_text=_(
            "Stable name of the field, the same in every language (e.g. budget_total). "
            "Applications in all languages are exported under this column."
        ),
    )
    field_type = models.CharField(verbose_name=_("field type"), max_length=16, choices=FIELD_TYPES)
    choice_keys = models.TextField(
        blank=True,
        verbose_name=_("Choice keys"),
        help_text=_(
            "One key per line, in the same order as the choices; stored instead of the "
            "translated label. Leave empty to derive keys from the English choices."
        ),
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("choice_keys"),
    ]
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        SynchronizedField("key"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
        SynchronizedField("choice_keys"),
        SynchronizedField("default_value"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")

    def get_field_clean_name(self):
        return self.key

    def save(self, *args, **kwargs):
        # The key, never the translated label, names the submitted value.
        self.clean_name = self.key
        super().save(*args, **kwargs)

    def choice_pairs(self):
        """[(stable key, label in this language)] for dropdowns and checkboxes."""
        labels = split_lines(self.choices)
        keys = split_lines(self.choice_keys) or labels
        return list(zip(keys, labels + keys[len(labels) :], strict=False))
