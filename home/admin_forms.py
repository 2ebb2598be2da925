"""Page editor forms whose choices of translatable things (topics, countries, grant types) are
those of the edited page's language only.

Each language has its own copy of every topic and country; a plain choice field would list all
eight copies ("Kosovo" five times). The language is the page's own, or for a new page its parent's
(Wagtail gives a new page its parent's locale before building the form). Several of them (a
page's topics and countries) are ticked as checkboxes, not picked with Ctrl-click in a list box.
"""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, TranslatableMixin


def _translatable_choice_fields(form, field_class):
    """The fields of ``form`` of ``field_class`` whose choices are a translatable non-page model."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if (
            isinstance(field, field_class)
            and queryset is not None
            and issubclass(queryset.model, TranslatableMixin)
            and not issubclass(queryset.model, Page)
        ):
            yield field


def limit_choices_to_language(form, locale_id):
    """Restrict every choice of a translatable non-page model in ``form`` to ``locale_id``."""
    for field in _translatable_choice_fields(form, forms.ModelChoiceField):
        field.queryset = field.queryset.filter(locale_id=locale_id)


def tick_several_as_checkboxes(form):
    """Show every multiple choice of a translatable non-page model as checkboxes."""
    for field in _translatable_choice_fields(form, forms.ModelMultipleChoiceField):
        if isinstance(field.widget, forms.SelectMultiple):
            field.widget = forms.CheckboxSelectMultiple(choices=field.widget.choices)


class InPageLanguageMixin:
    """Mixin for Wagtail page forms: choices in the edited page's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id is not None:
            limit_choices_to_language(self, locale_id)
        tick_several_as_checkboxes(self)


class PageInItsLanguageForm(InPageLanguageMixin, WagtailAdminPageForm):
    """The base form of every page type (``BasePage.base_form_class``)."""
