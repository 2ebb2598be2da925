"""The site's languages: codes for HTML, and each page's versions in the other languages."""

from collections import defaultdict

from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

# Django's codes are lower-case; HTML's lang/hreflang use BCP 47 casing for the script subtag.
_BCP47 = {"sr-latn": "sr-Latn"}


def bcp47(language_code):
    """The BCP 47 tag of one of our language codes ("sr-latn" → "sr-Latn")."""
    return _BCP47.get(language_code, language_code)


def language_names():
    """Each language's code and its name in its own language and script."""
    return list(settings.LANGUAGES)


def alternates_by_translation_key(request, pages):
    """Map each page's translation_key to hreflang alternates of all its live versions (one query)."""
    keys = {page.translation_key for page in pages}
    versions = (
        Page.objects.live()
        .filter(translation_key__in=keys, depth__gte=2)
        .select_related("locale")
        .order_by("path")
    )
    result = defaultdict(list)
    for version in versions:
        url = version.get_url(request)
        if url is None:
            continue
        code = version.locale.language_code
        entry = {"lang_code": bcp47(code), "location": request.build_absolute_uri(url)}
        result[version.translation_key].append(entry)
        if code == settings.LANGUAGE_CODE:
            result[version.translation_key].append({**entry, "lang_code": "x-default"})
    return result


def language_versions(request, page=None):
    """One entry per site language for the switcher and hreflang links of ``page``.

    Each entry has the language's code, BCP 47 tag and own name, the URL of ``page`` in that
    language (``translated`` True) or, when the page is not translated, of that language's home
    page (``translated`` False). Two queries at most, whatever the number of languages.
    """
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    keys = {root.translation_key} if root else set()
    if page is not None and getattr(page, "translation_key", None):
        keys.add(page.translation_key)
    found = defaultdict(dict)
    if keys:
        for version in (
            Page.objects.live().filter(translation_key__in=keys).select_related("locale")
        ):
            found[version.translation_key][version.locale.language_code] = version
    current = translation.get_language()
    entries = []
    for code, name in language_names():
        version = found[page.translation_key].get(code) if page is not None else None
        fallback = found[root.translation_key].get(code) if root else None
        target = version or fallback
        url = (target.get_url(request) if target else None) or f"/{code}/"
        entries.append(
            {
                "code": code,
                "tag": bcp47(code),
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "translated": version is not None,
                "current": code == current,
            }
        )
    return entries
