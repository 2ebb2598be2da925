"""The site's languages: codes for HTML, and each page's versions in the other languages."""

from collections import defaultdict

from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from wagtail.models import Page, Site

from home.addresses import localized_route_kwargs

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
    page (``translated`` False). On a section's archive route (e.g. success stories) the URL is
    that route of the translated page; without a page (search) it is the same view in the other
    language. ``url`` keeps the query (search words, filters) but not the page number;
    ``absolute_url`` (for hreflang) is the address alone. Two queries at most, whatever the
    number of languages.
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
    route = _kept_route(request, page)
    query = _kept_query(request)
    entries = []
    for code, name in language_names():
        version = found[page.translation_key].get(code) if page is not None else None
        fallback = found[root.translation_key].get(code) if root else None
        path = None
        if version is not None:
            path = version.get_url(request)
            if path and route:
                kwargs = localized_route_kwargs(route.kwargs, code)
                path += page.reverse_subpage(route.url_name, args=route.args, kwargs=kwargs)
        elif page is None:
            path = _view_in_language(request, code)
        translated = path is not None
        if path is None:
            path = (fallback.get_url(request) if fallback else None) or f"/{code}/"
        entries.append(
            {
                "code": code,
                "tag": bcp47(code),
                "name": name,
                "url": path + query if translated else path,
                "absolute_url": request.build_absolute_uri(path),
                "translated": translated,
                "current": code == current,
            }
        )
    return entries


def _kept_route(request, page):
    """The archive route being shown, when ``page`` keeps it across languages, else None."""
    match = getattr(request, "routable_resolver_match", None)
    if page is None or match is None:
        return None
    return match if match.url_name in getattr(page, "routes_in_every_language", ()) else None


def versions_cache_key(request):
    """The part of a request that language_versions() reads besides its page: the path and the
    kept query (so a cached switcher of one archive route or search is not shown on another)."""
    return request.path_info + _kept_query(request)


def _kept_query(request):
    """The request's query string for another language's address, without the page number
    (the other language may have fewer pages)."""
    params = request.GET.copy()
    params.pop("page", None)
    return f"?{params.urlencode()}" if params else ""


def _view_in_language(request, code):
    """The path of the same Django view (not a Wagtail page) in language ``code``, or None."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.url_name in (None, "wagtail_serve"):
        return None  # not a view of ours: a page that does not exist, say
    path = translate_url(request.path, code)
    return path if path != request.path or code == translation.get_language() else None


def in_language(pages, locale_id):
    """Each of ``pages`` as readers of one language should see it, or None.

    The untranslated-content rule of the whole site: a page is shown to readers of a language
    only in that language. A link, featured page or related page chosen in another language is
    replaced by its live translation; when there is none, or the page is not live, it is left
    out (None) rather than shown in the wrong language. One query, made only when some page is
    in another language; translations come back specific.
    """
    foreign = {page.translation_key for page in pages if page and page.locale_id != locale_id}
    translations = {}
    if foreign:
        translations = {
            page.translation_key: page
            for page in Page.objects.live()
            .public()
            .filter(translation_key__in=foreign, locale_id=locale_id)
            .specific()
        }
    return [
        None
        if page is None
        else (page if page.live else None)
        if page.locale_id == locale_id
        else translations.get(page.translation_key)
        for page in pages
    ]


def live_pages_in_language(page_ids, locale_id):
    """The pages of ``page_ids`` (specific, in that order) as readers of the language see them:
    in their language, live and public, missing ones left out (see in_language)."""
    found = Page.objects.live().public().filter(pk__in=page_ids).specific().in_bulk()
    same = [found.get(pk) for pk in page_ids]
    return [page for page in in_language([p for p in same if p], locale_id) if page]


def relink_to_own_language(instance):
    """Point ``instance``'s many-to-many links to translatable items (topics, countries…) at the
    versions in its own language.

    wagtail-localize translates foreign keys but copies many-to-many links as they are, so a
    Macedonian page made from an English one would list English topics; an editor may also pick
    a term of another language. Terms without a version in the page's language are dropped
    rather than shown in the wrong language. In memory, before modelcluster commits the links.
    """
    from modelcluster.fields import ParentalManyToManyField
    from wagtail.models import TranslatableMixin

    locale_id = getattr(instance, "locale_id", None)
    if locale_id is None:
        return
    for field in instance._meta.get_fields():
        model = getattr(field, "related_model", None)
        if not isinstance(field, ParentalManyToManyField) or not issubclass(
            model, TranslatableMixin
        ):
            continue
        terms = list(getattr(instance, field.name).all())
        if all(term.locale_id == locale_id for term in terms):
            continue
        keys = [term.translation_key for term in terms]
        own = {
            term.translation_key: term
            for term in model.objects.filter(translation_key__in=keys, locale_id=locale_id)
        }
        setattr(instance, field.name, [own[key] for key in keys if key in own])
