"""Small helpers for reading responses the way a reader's browser would."""

from html.parser import HTMLParser

from django.conf import settings

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
