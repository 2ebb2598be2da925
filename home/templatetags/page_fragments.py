"""``{% page_fragment "name" %}…{% endpage_fragment %}``: a part of a page's template kept in the
shared cache, so that a page served without the proxy renders it (and runs its queries) once per
publish rather than once per request.

What it may wrap: what depends only on the published page, its address, the language and the
host — never a form sent back with errors, a CSRF token, a query string, the visitor or a
per-response nonce (only GET and HEAD requests use the cache). The key carries the content token
(``runtime.content_version``), so any publish, move, deletion or snippet edit renders it afresh;
previews and drafts are never cached. A page that changes by the clock (a call's status) names
the next change (``BasePage.shown_until``): its fragments are kept until then, and every response
that serves them is capped by it (``cap_lifetime``) like the page.
"""

import hashlib
import math

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from home.cache_control import cap_lifetime
from runtime import content_version

register = template.Library()


def _fragment_key(name, request, page, token):
    # The path too: a routable page answers several (archives, a call's confirmation page).
    raw = "|".join(
        [name, str(page.pk), translation.get_language() or "", request.scheme, request.get_host()]
        + [request.path]
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]  # any host makes a valid key
    return f"page-fragment:{token}:{digest}"


def _cacheable(request, page):
    return (
        request is not None
        and page is not None
        and getattr(page, "pk", None) is not None
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)  # a draft: the key would name the live page
        and getattr(page, "live", False)
    )


class PageFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request, page = context.get("request"), context.get("page")
        if not _cacheable(request, page):
            return self.nodelist.render(context)
        # The request's token (runtime.context_processors), read from the cache once per request.
        token = context.get("content_version") or content_version.current()
        key = _fragment_key(self.name, request, page, token)
        now = timezone.now()
        until = page.shown_until() if hasattr(page, "shown_until") else None
        cap_lifetime(until)
        cached = cache.get(key)
        if cached is not None and cached[1] == until:  # else: rendered before the clock changed it
            return mark_safe(cached[0])  # noqa: S308 - rendered by this template, stored as it was
        html = self.nodelist.render(context)
        seconds = settings.FRAGMENT_CACHE_SECONDS
        if until is not None:
            seconds = min(seconds, math.floor((until - now).total_seconds()))
        if seconds > 0:
            cache.set(key, (str(html), until), seconds)
        return html


@register.tag
def page_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            'Usage: {% page_fragment "name" %}…{% endpage_fragment %}'
        )
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(bits[1][1:-1], nodelist)
