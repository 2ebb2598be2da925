"""Small blocks of a call page: documents with their country and language, FAQ, information sessions."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail_localize.segments import OverridableSegmentValue

# Stable country slugs (home.seeding.COUNTRIES); the page shows each in the reader's language.
COUNTRY_SLUGS = [
    "albania",
    "bosnia-and-herzegovina",
    "kosovo",
    "montenegro",
    "north-macedonia",
    "serbia",
    "regional",
]


def _country_choices():
    return [("", _("All countries"))] + [(slug, slug) for slug in COUNTRY_SLUGS]


def _language_choices():
    return [("", _("All languages"))] + list(settings.LANGUAGES)


class DocumentLanguageBlock(blocks.ChoiceBlock):
    """The language of a chosen document. A translation usually chooses the document in its own
    language, so wagtail-localize offers this as an overridable value, like the document beside
    it, instead of copying the English page's "English" on every sync."""

    def get_translatable_segments(self, value):
        return [OverridableSegmentValue("", value)] if value else []

    def restore_translated_segments(self, value, segments):
        return next((segment.data for segment in segments), value)


class CallDocumentBlock(blocks.StructBlock):
    """A guideline or template, optionally for one country and/or in one language."""

    title = blocks.CharBlock(max_length=200, label=_("Title"))
    document = DocumentChooserBlock(label=_("Document"))
    country = blocks.ChoiceBlock(choices=_country_choices, required=False, label=_("For country"))
    language = DocumentLanguageBlock(
        choices=_language_choices, required=False, label=_("Language of the document")
    )

    class Meta:
        icon = "doc-full"


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250, label=_("Question"))
    answer = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol"], label=_("Answer")
    )

    class Meta:
        icon = "help"


class InfoSessionBlock(blocks.StructBlock):
    """An information session; its date and time are in programme time (Europe/Belgrade)."""

    date = blocks.DateBlock(label=_("Date"))
    start_time = blocks.TimeBlock(label=_("Starts at"))
    end_time = blocks.TimeBlock(required=False, label=_("Ends at"))
    place = blocks.CharBlock(required=False, max_length=200, label=_("Place"))
    online_url = blocks.URLBlock(required=False, label=_("Online link"))

    class Meta:
        icon = "date"
