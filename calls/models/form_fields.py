"""Form-builder fields of a call's application form, with one stable key in every language.

Keys are technical names (export columns, the values sent to the intake). Editors need not write
them: a field's key is derived from its label when the field is first saved, and choice keys
follow the choices (``fill_keys``); both stay visible and editable under "Technical keys". The
keys are synchronised by wagtail-localize, so every language stores the English keys, and are
never offered to translators. Choices are translated one segment per choice
(``ChoiceLinesField``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractFormField
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.segments import StringSegmentValue

from calls import file_types

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


KEY_LENGTH = 60
# Names the application form itself uses (calls/abuse.py, Django's CSRF field): never a field's key.
RESERVED_KEYS = {"website", "form_started", "csrfmiddlewaretoken"}
CHOICE_TYPES = ("dropdown", "checkboxes")


def derive_key(text, taken=(), fallback="field"):
    """A technical key from a label: ``Requested amount (EUR)`` → ``requested_amount_eur``,
    made unique against ``taken`` (and the reserved names) with ``_2``, ``_3`` …"""
    base = get_field_clean_name(text)[:KEY_LENGTH].strip("_") or fallback
    taken = set(taken) | RESERVED_KEYS
    key, number = base, 2
    while key in taken:
        suffix = f"_{number}"
        key, number = base[: KEY_LENGTH - len(suffix)] + suffix, number + 1
    return key


def follow_choice_keys(old_labels, old_keys, labels):
    """Keys for ``labels`` that keep the key of every choice already there (found by its label, so
    reordering or removing choices moves no key onto another choice); new choices get a key from
    their label."""
    known = dict(zip(old_labels, old_keys, strict=False))
    keys = []
    for label in labels:
        key = known.get(label)
        keys.append(key if key and key not in keys else derive_key(label, keys, "choice"))
    return keys


class ChoiceLinesField(models.TextField):
    """Choices, one per line, that wagtail-localize offers as one segment per choice.

    As a plain TextField the choices would be one segment with ``<br/>`` between them, and a
    translator's line breaks would be lost (one merged option). Segment paths are the choices'
    positions, so a translation has the same number of choices, in the same order, as English:
    the choice keys (synchronised) pair with them one to one.
    """

    def get_translatable_segments(self, value):
        return [
            StringSegmentValue(str(position), choice)
            for position, choice in enumerate(split_lines(value))
        ]

    def restore_translated_segments(self, value, segments):
        translated = {segment.path: segment.render_text() for segment in segments}
        return "\n".join(
            # A translator's line break inside one choice must not make two choices.
            " ".join(translated.get(str(position), choice).split())
            for position, choice in enumerate(split_lines(value))
        )


def fill_keys(forms):
    """Derive the keys an editor left to us, in the form-builder formset's forms (before saving).

    A new field without a key gets one from its label; choice keys follow the choices unless the
    editor changed them (then they must be as many as the choices).
    """
    live = [form for form in forms if form.is_valid() and not form.cleaned_data.get("DELETE")]
    taken = [form.instance.key for form in live if form.instance.key]
    for form in live:
        field = form.instance
        if not field.key:
            field.key = derive_key(field.label, taken)
            taken.append(field.key)
        field.clean_name = field.key
        if field.field_type not in CHOICE_TYPES:
            continue
        labels = split_lines(field.choices)
        keys = split_lines(field.choice_keys)
        if "choice_keys" in form.changed_data and keys:
            if len(keys) != len(labels):
                form.add_error(
                    "choice_keys",
                    ValidationError(
                        _(
                            "Write one key per choice, in the order of the choices "
                            "(choices: %(choices)d, keys: %(keys)d)."
                        )
                        % {"choices": len(labels), "keys": len(keys)}
                    ),
                )
            continue
        old_labels = split_lines(form.initial.get("choices", ""))
        old_keys = split_lines(form.initial.get("choice_keys", ""))
        field.choice_keys = "\n".join(follow_choice_keys(old_labels, old_keys, labels))


class FormField(TranslatableMixin, AbstractFormField):
    """One field of a call's form. ``key`` is the same in every language: it names the export column."""

    page = ParentalKey("calls.CallPage", on_delete=models.CASCADE, related_name="form_fields")
    key = models.SlugField(
        max_length=KEY_LENGTH,
        blank=True,
        verbose_name=_("Key"),
        help_text=_(
            "Filled in from the label when the field is first saved. The same in every "
            "language: applications are exported under this column, so change it only "
            "before the first applications arrive."
        ),
    )
    field_type = models.CharField(verbose_name=_("field type"), max_length=16, choices=FIELD_TYPES)
    choices = ChoiceLinesField(
        blank=True,
        verbose_name=_("choices"),
        help_text=_("One choice per line. Only for dropdowns and checkboxes."),
    )
    choice_keys = models.TextField(
        blank=True,
        verbose_name=_("Choice keys"),
        help_text=_(
            "One key per line, in the order of the choices; stored instead of the "
            "translated choice. Filled in from the choices; a choice keeps its key when "
            "choices are reordered."
        ),
    )
    accepted_types = models.CharField(
        max_length=12,
        choices=file_types.CHOICES,
        default=file_types.ANY,
        verbose_name=_("Accepted file types"),
        help_text=_("Only for file uploads. The form tells applicants which types they may send."),
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("accepted_types"),
        MultiFieldPanel(
            [FieldPanel("key"), FieldPanel("choice_keys")],
            heading=_("Technical keys (advanced)"),
            # Folded away by calls/static/calls/js/form-field-editor.js until opened.
            attrs={"data-form-field-advanced": ""},
        ),
    ]
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        # Technical values, the same in every language: copied from English and never offered
        # to translators ("Uses English version · Edit" on a key invites a broken export).
        SynchronizedField("key", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
        SynchronizedField("choice_keys", overridable=False),
        SynchronizedField("accepted_types", overridable=False),
        SynchronizedField("default_value", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")

    def get_field_clean_name(self):
        return self.key or derive_key(self.label)

    def save(self, *args, **kwargs):
        # The key, never the translated label, names the submitted value.
        # Created in code rather than in the editor (fill_keys): derive what is missing. A
        # translation gets both from its source (synchronised), never from its own labels.
        if not self.key:
            self.key = derive_key(self.label)
        if self.field_type in CHOICE_TYPES and not self.choice_keys.strip():
            self.choice_keys = "\n".join(follow_choice_keys([], [], split_lines(self.choices)))
        self.clean_name = self.key
        super().save(*args, **kwargs)

    def choice_pairs(self):
        """[(stable key, label in this language)] for dropdowns and checkboxes."""
        labels = split_lines(self.choices)
        keys = split_lines(self.choice_keys)
        for label in labels[len(keys) :]:  # a choice without a key: one from its label
            keys.append(derive_key(label, keys, "choice"))
        return list(zip(keys, labels + keys[len(labels) :], strict=False))

    @property
    def accepted_kinds(self):
        return file_types.kinds_of(self.accepted_types)
