"""Which pages and snippets are missing, out of date or up to date in each language.

A page is out of date when its English source was published after its translation, or when
wagtail-localize still has strings of it to translate (after "Sync translated pages" with
"Publish immediately", say, the new strings show in English until translated; the slug, which
the site sets itself, does not count); snippets have
no publication dates, so they are missing, out of date by the second rule, or up to date.
Serbian Latin is generated from Serbian and is compared with it, not with English. A bounded
number of queries: one for all pages, one per translatable snippet model, one for the strings.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from wagtail.models import Page, TranslatableMixin, get_translatable_models
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, StringTranslation

from translations.latin_script import GENERATED_LANGUAGE, SOURCE_LANGUAGE

MISSING, OUT_OF_DATE, UP_TO_DATE = "missing", "out_of_date", "up_to_date"
STATUSES = [MISSING, OUT_OF_DATE, UP_TO_DATE]

# Segments the site sets by itself, never a translator's work: the address rule gives every
# translated page a slug from its own title (home.addresses), so an untranslated slug is no
# untranslated text.
SET_BY_THE_SITE = ["slug"]


@dataclass
class Row:
    kind: str  # the content type's verbose name ("news item", "topic"), lazily translated
    title: str  # the source's title, in the source language
    status: str
    source: object
    target: object = None
    untranslated: list = field(default_factory=list)  # source strings not yet translated

    @property
    def is_page(self):
        return isinstance(self.source, Page)

    @property
    def display_title(self):
        """The title in the row's language when a translation exists, else the source's."""
        if self.target is None:
            return self.title
        return self.target.title if self.is_page else str(self.target)


def target_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _source_language_for(code):
    return SOURCE_LANGUAGE if code == GENERATED_LANGUAGE else settings.LANGUAGE_CODE


def with_untranslated_strings(language_code, translation_keys=None):
    """{translation key: source strings not yet translated into the language by
    wagtail-localize}, for the sources that have any (one query; optionally only some keys)."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale__language_code=language_code,
        has_error=False,
    )
    segments = (
        StringSegment.objects.filter(
            source__locale__language_code=_source_language_for(language_code),
            source__translations__target_locale__language_code=language_code,
            source__translations__enabled=True,
        )
        .filter(~Exists(translated))
        .exclude(context__path__in=SET_BY_THE_SITE)
    )
    if translation_keys is not None:
        segments = segments.filter(source__object__translation_key__in=translation_keys)
    strings = defaultdict(list)
    for key, text in segments.order_by("source_id", "order").values_list(
        "source__object__translation_key", "string__data"
    ):
        if text not in strings[key]:
            strings[key].append(text)
    return dict(strings)


def page_rows(language_code, unfinished=None):
    pages = (
        Page.objects.filter(depth__gt=1)
        .select_related("locale")
        .only(
            "id", "title", "translation_key", "last_published_at", "live", "locale", "path",
            "content_type",
        )
        .order_by("path")
    )  # fmt: skip
    by_key = defaultdict(dict)
    for page in pages:
        by_key[page.translation_key][page.locale.language_code] = page
    source_code = _source_language_for(language_code)
    if unfinished is None:
        unfinished = with_untranslated_strings(language_code)
    rows = []
    for versions in by_key.values():
        source = versions.get(source_code)
        if source is None or not source.live:
            continue
        target = versions.get(language_code)
        if target is None or not target.live:
            status = MISSING
        elif source.translation_key in unfinished or (
            (source.last_published_at or 0)
            and (
                target.last_published_at is None
                or target.last_published_at < source.last_published_at
            )
        ):
            status = OUT_OF_DATE
        else:
            status = UP_TO_DATE
        model = ContentType.objects.get_for_id(source.content_type_id).model_class()
        kind = model._meta.verbose_name if model else Page._meta.verbose_name
        untranslated = unfinished.get(source.translation_key, []) if target else []
        rows.append(Row(kind, source.title, status, source, target, untranslated))
    return rows


def snippet_rows(language_code, unfinished=None):
    source_code = _source_language_for(language_code)
    if unfinished is None:
        unfinished = with_untranslated_strings(language_code)
    rows = []
    snippet_models = set(get_snippet_models())
    for model in get_translatable_models():
        # Only snippets: translatable children of pages (form fields) go with their page.
        if model not in snippet_models or not issubclass(model, TranslatableMixin):
            continue
        by_key = defaultdict(dict)
        for item in model.objects.filter(
            locale__language_code__in=[source_code, language_code]
        ).select_related("locale"):
            by_key[item.translation_key][item.locale.language_code] = item
        for versions in by_key.values():
            source = versions.get(source_code)
            if source is None:
                continue
            target = versions.get(language_code)
            if target is None:
                status = MISSING
            elif source.translation_key in unfinished:
                status = OUT_OF_DATE
            else:
                status = UP_TO_DATE
            untranslated = unfinished.get(source.translation_key, []) if target else []
            rows.append(
                Row(model._meta.verbose_name, str(source), status, source, target, untranslated)
            )
    return rows


def rows_for(language_code):
    """Every page and snippet row of one language, what needs work first (missing, out of date),
    in tree order within each status."""
    unfinished = with_untranslated_strings(language_code)
    rows = page_rows(language_code, unfinished) + snippet_rows(language_code, unfinished)
    return sorted(rows, key=lambda row: STATUSES.index(row.status))


def counts_by_language():
    """{language code: Counter of statuses} over pages and snippets."""
    return {code: Counter(row.status for row in rows_for(code)) for code in target_languages()}
