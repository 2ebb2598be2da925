"""The application form built from a call's form fields: choices by key, country and file fields."""

from django import forms
from django.utils.translation import gettext as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from calls import file_types
from calls.pending_uploads import KeptFileInput
from calls.uploads import check_upload, max_application_size, max_file_size
from home.models import Country


class ApplicationForm(BaseForm):
    """The built form: also checks the total size of all files of one application."""

    def clean(self):
        cleaned_data = super().clean()
        total = sum(
            upload.size
            for name, field in self.fields.items()
            if isinstance(field, forms.FileField) and (upload := cleaned_data.get(name)) is not None
        )
        if total > max_application_size():
            from django.template.defaultfilters import filesizeformat

            raise forms.ValidationError(
                _("Together the files are too large; the limit is %(limit)s per application.")
                % {"limit": filesizeformat(max_application_size())}
            )
        return cleaned_data


class CheckedFileField(forms.FileField):
    """A file checked by content and size; ``cleaned`` carries the safe name, type and digest."""

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            name, extension, mime, sha256 = check_upload(upload, self.kinds)
            upload.safe_name, upload.extension, upload.mime, upload.sha256 = (
                name,
                extension,
                mime,
                sha256,
            )
        return upload


class CallFormBuilder(FormBuilder):
    """Wagtail's form builder with stable choice keys, a country field and checked file uploads."""

    def __init__(self, fields, page=None):
        super().__init__(fields)
        self.page = page

    def get_formatted_field_choices(self, field):
        return field.choice_pairs()

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", "—")] + field.choice_pairs()
        return forms.ChoiceField(**options)

    def create_checkboxes_field(self, field, options):
        options["choices"] = field.choice_pairs()
        options["initial"] = self.get_formatted_field_initial(field)
        options["widget"] = forms.CheckboxSelectMultiple
        return forms.MultipleChoiceField(**options)

    def create_date_field(self, field, options):
        options["widget"] = forms.DateInput(attrs={"type": "date"})
        return forms.DateField(**options)

    def create_number_field(self, field, options):
        options["widget"] = forms.NumberInput(attrs={"inputmode": "decimal"})
        # Bounded, so that "1e999999" is an error rather than a stored absurdity.
        return forms.DecimalField(max_digits=15, decimal_places=2, **options)

    def create_email_field(self, field, options):
        options["widget"] = forms.EmailInput(attrs={"autocomplete": "email"})
        return forms.EmailField(**options)

    def create_country_field(self, field, options):
        options["choices"] = [("", "—")] + self.country_choices()
        return forms.ChoiceField(**options)

    def create_file_field(self, field, options):
        from django.template.defaultfilters import filesizeformat

        options.pop("initial", None)
        kinds = field.accepted_kinds
        # What the applicant reads, what the browser offers and what is checked: one list.
        rule = _("Accepted types: %(types)s; at most %(size)s.") % {
            "types": file_types.describe(kinds),
            "size": filesizeformat(max_file_size()),
        }
        options["help_text"] = " ".join(text for text in (options.get("help_text"), rule) if text)
        options["widget"] = KeptFileInput(
            page=self.page,
            field_key=field.key,
            attrs={"accept": file_types.accept_attribute(kinds)},
        )
        return CheckedFileField(kinds=kinds, **options)

    def country_choices(self):
        """The call's eligible countries (else all), by stable slug, named in the page's language."""
        eligible = (
            {country.slug for country in self.page.eligible_countries} if self.page else set()
        )
        locale_id = self.page.locale_id if self.page else None
        terms = Country.objects.filter(locale_id=locale_id) if locale_id else Country.objects.none()
        return [
            (term.slug, term.name)
            for term in terms.order_by("sort_order")
            if not eligible or term.slug in eligible
        ]

    def get_form_class(self):
        return type("ApplicationForm", (ApplicationForm,), self.formfields)
