"""Small helpers for reading responses the way a reader's browser would, and for acting as a
translator in wagtail-localize's editor."""

import json
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.alternates = {}
        self.switcher = []
        self._in_switcher = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "details" and "language-switcher" in (attrs.get("class") or ""):
            self._in_switcher += 1
        if tag == "a" and self._in_switcher:
            self.switcher.append(attrs)

    def handle_endtag(self, tag):
        if tag == "details" and self._in_switcher:
            self._in_switcher -= 1


def parse_page(response):
    """html lang, hreflang alternates and language-switcher links of an HTML response."""
    collector = _Collector()
    collector.feed(response.content.decode())
    return collector


def translate_in_the_editor(admin_client, page, translations, typed=None):
    """Translate every string segment of a translated page through wagtail-localize's translation
    editor (its string API, as a translator's browser calls it); returns the segments offered.
    ``translations`` maps each source string to its translation; ``typed`` overrides some."""
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in editor.templates]
    segments = [s for s in json.loads(editor.context["props"])["segments"] if s["type"] == "string"]
    for segment in segments:
        value = (typed or {}).get(segment["source"], translations[segment["source"]])
        saved = admin_client.put(
            segment["editUrl"],
            urlencode({"value": value}),
            content_type="application/x-www-form-urlencoded",
        )
        assert saved.status_code == 201, segment
    return segments
