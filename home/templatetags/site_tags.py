"""Template tags for the site chrome: languages, main menu, footer."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from home import languages
from home.models import Footer, MainMenu
from home.models.navigation import PREVIEW_CONTEXT_NAME

register = template.Library()


@register.filter
def bcp47(language_code):
    return languages.bcp47(language_code or "")


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in every language (or that language's home page), cached per request."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    cache_key = ("_language_versions", getattr(page, "pk", None))
    cached = getattr(request, "_language_versions_cache", None)
    if cached and cached[0] == cache_key:
        return cached[1]
    versions = languages.language_versions(
        request, page if hasattr(page, "translation_key") else None
    )
    request._language_versions_cache = (cache_key, versions)
    return versions


def _shown_version(context, model):
    """What readers get: the live version in their language; in an admin preview of this
    model, the draft being previewed."""
    previewed = context.get(PREVIEW_CONTEXT_NAME)
    return previewed if isinstance(previewed, model) else model.for_active_locale()


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    menu = _shown_version(context, MainMenu)
    return {
        "request": context.get("request"),
        "links": menu.links if menu else [],
        "reader_locale_id": menu.locale_id if menu else None,
    }


@register.inclusion_tag("navigation/footer.html", takes_context=True)
def site_footer(context):
    footer = _shown_version(context, Footer)
    return {
        "request": context.get("request"),
        "settings": context.get("settings"),
        "footer": footer,
        "reader_locale_id": footer.locale_id if footer else None,
    }


@register.simple_tag(takes_context=True)
def reader_links(context, links):
    """(href, text) of each link block in ``links`` (a stream of links or one link) that readers
    of the current language may follow: pages in their language only (languages.in_language)."""
    # One link's value (a dict), or a stream of link blocks.
    values = [links] if hasattr(links, "get") else [block.value for block in links or []]
    locale_id = context.get("reader_locale_id") or getattr(context.get("page"), "locale_id", None)
    pages = [value.get("page") for value in values]
    if locale_id is not None:
        pages = languages.in_language(pages, locale_id)
    request = context.get("request")
    items = []
    for value, page in zip(values, pages, strict=True):
        if page is not None:
            url = page.get_url(request)
            if url:
                items.append((url, value.get("label") or page.title))
        elif value.get("url") and not value.get("page"):
            items.append((value["url"], value.get("label")))
    return items


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` as an absolute address: media on S3 (or a CDN) already is one and stays as it is;
    a path gets the scheme and host of the request."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with ``changes`` applied (None removes a key), e.g. for paging."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode()


# What could close the <script> element or start markup inside it, escaped as json_script does.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """``data`` (schema.org structured data) as a <script type="application/ld+json"> element;
    nothing when there is none. Every page type's structured data is written out here."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    # Safe: JSON with <, > and & escaped cannot leave the script element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def language_versions_key(context):
    """What the language links of this request depend on beyond the page: its path (an archive
    route, a search) and the query they keep (search words, filters), for the fragment caches."""
    request = context.get("request")
    return languages.versions_cache_key(request) if request is not None else ""
