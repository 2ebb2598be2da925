"""Which pages and snippets are missing, out of date or up to date in each language.

A page is out of date when its English source was published after its translation, or when
wagtail-localize still has strings of it to translate (after "Sync translated pages" with
"Publish immediately", say, the new strings show in English until translated); snippets have
no publication dates, so they are missing, out of date by the second rule, or up to date.
Serbian Latin is generated from Serbian and is compared with it, not with English. A bounded
number of queries: one for all pages, one per translatable snippet model, one for the strings.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef
from wagtail.models import Page, TranslatableMixin, get_translatable_models
from wagtail_localize.models import StringSegment, StringTranslation

from home.latin_script import GENERATED_LANGUAGE, SOURCE_LANGUAGE

MISSING, OUT_OF_DATE, UP_TO_DATE = "missing", "out_of_date", "up_to_date"
STATUSES = [MISSING, OUT_OF_DATE, UP_TO_DATE]


@dataclass
class Row:
    kind: str  # "page" or the snippet's verbose name
    title: str  # the source's title, in the source language
    status: str
    source: object
    target: object = None


def target_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _source_language_for(code):
    return SOURCE_LANGUAGE if code == GENERATED_LANGUAGE else settings.LANGUAGE_CODE


def with_untranslated_strings(language_code):
    """Translation keys of the sources that have strings not yet translated into the language
    by wagtail-localize (one query)."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale__language_code=language_code,
        has_error=False,
    )
    return set(
        StringSegment.objects.filter(
            source__locale__language_code=_source_language_for(language_code),
            source__translations__target_locale__language_code=language_code,
            source__translations__enabled=True,
        )
        .filter(~Exists(translated))
        .values_list("source__object__translation_key", flat=True)
        .distinct()
    )


def page_rows(language_code, unfinished=None):
    pages = (
        Page.objects.filter(depth__gt=1)
        .select_related("locale")
        .only("id", "title", "translation_key", "last_published_at", "live", "locale", "path")
        .order_by("path")
    )
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
        rows.append(Row("page", source.title, status, source, target))
    return rows


def snippet_rows(language_code, unfinished=None):
    source_code = _source_language_for(language_code)
    if unfinished is None:
        unfinished = with_untranslated_strings(language_code)
    rows = []
    for model in get_translatable_models():
        if issubclass(model, Page) or not issubclass(model, TranslatableMixin):
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
            rows.append(Row(str(model._meta.verbose_name), str(source), status, source, target))
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
