"""The real caching proxy (nginx from deploy/nginx.conf, as `make serve` runs it) in front of a live
app: cache hits, purge on publish in English and Serbian (with its generated Latin twin), a second
visitor applying through a cached call page, and what must never be cached."""

import os
import re
import socket
from urllib.parse import urlsplit

import pytest
import requests
from wagtail.models import Locale

from calls.models import Application, CallPage
from calls.uploads import max_request_size
from home.deploy import NGINX, throwaway_proxy
from news.models import NewsPage
from tests import seeded_snapshot
from tests.calls.helpers import PDF, valid_post
from tests.services import free_port, start_service


@pytest.fixture
def proxy(transactional_db, live_server, settings, tmp_path):
    """nginx on a free port in front of live_server over a freshly seeded database; publishing purges
    it through Wagtail's HTTP backend. Yields the proxy's base URL."""
    if not os.path.exists(NGINX):
        pytest.fail("nginx is not installed: `make test` installs the Debian packages")
    seeded_snapshot.restore()
    port = free_port()
    app = urlsplit(live_server.url)
    settings.WAGTAILADMIN_BASE_URL = f"http://127.0.0.1:{port}"  # the site's address: the proxy's
    args = throwaway_proxy(
        tmp_path / "proxy", listen=f"127.0.0.1:{port}", upstreams=[f"127.0.0.1:{app.port}"]
    )
    base = f"http://127.0.0.1:{port}"
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "home.frontend_cache.ProxyPurgeBackend", "LOCATION": base}
    }
    settings.CALLS_MIN_FILL_SECONDS = 0
    with start_service(args, port, log_path=tmp_path / "nginx.log"):
        yield base


def _get(base, url, **kwargs):
    return requests.get(base + url, timeout=10, allow_redirects=False, **kwargs)


def _cached_twice(base, url):
    """GET twice: the second answer must come from the proxy's cache."""
    first = _get(base, url)
    assert first.status_code == 200, url
    assert "public" in first.headers["Cache-Control"], (url, first.headers["Cache-Control"])
    second = _get(base, url)
    assert second.headers["X-Cache"] == "HIT", (url, second.headers.get("X-Cache"))
    return second


def _news(language):
    return NewsPage.objects.live().filter(locale__language_code=language).first()


def test_cache_purge_and_forms_behind_the_real_proxy(proxy, settings):
    """One seeded site (seeding dominates the cost) for the three things the proxy must get right."""
    _pages_are_served_from_the_cache_and_purged_on_publish(proxy)
    _a_second_visitor_applies_through_the_cached_call_page(proxy, settings)


def _pages_are_served_from_the_cache_and_purged_on_publish(proxy):
    page = _news("en")
    index = page.get_parent().specific
    for url in (page.url, index.url, page.get_parent().get_parent().url, "/sitemap.xml"):
        _cached_twice(proxy, url)
    assert _get(proxy, "/robots.txt").status_code == 200

    page.title = "Municipal budgets opened to citizens in Shkodër"
    page.save_revision().publish()

    fresh = _get(proxy, page.url)
    assert fresh.headers["X-Cache"] == "MISS"
    assert "Municipal budgets opened to citizens in Shkodër" in fresh.text
    assert "Municipal budgets opened to citizens in Shkodër" in _get(proxy, index.url).text
    for url in (index.url + "feed/rss/", index.url + "feed/atom/"):
        assert "Municipal budgets opened to citizens in Shkod" in _get(proxy, url).text

    # Serbian: the page, its listing and the generated Latin twin are all fresh after one publish.
    serbian = _news("sr")
    latin_locale = Locale.objects.get(language_code="sr-latn")
    twin = serbian.get_translation(latin_locale)
    for url in (serbian.url, serbian.get_parent().url, twin.url, twin.get_parent().url):
        _cached_twice(proxy, url)
    serbian.title = "Општински буџети отворени грађанима у Нишу"
    serbian.save_revision().publish()
    assert "Општински буџети отворени грађанима у Нишу" in _get(proxy, serbian.url).text
    assert (
        "Општински буџети отворени грађанима у Нишу" in _get(proxy, serbian.get_parent().url).text
    )
    assert "Opštinski budžeti otvoreni građanima u Nišu" in _get(proxy, twin.url).text
    assert "Opštinski budžeti otvoreni građanima u Nišu" in _get(proxy, twin.get_parent().url).text

    # The admin is never cached; a signed-in editor's session bypasses the cache.
    login = _get(proxy, "/admin/login/")
    assert (
        "no-store" in login.headers["Cache-Control"] or "private" in login.headers["Cache-Control"]
    )
    assert _get(proxy, "/admin/login/").headers.get("X-Cache") != "HIT"
    as_editor = _get(proxy, page.url, cookies={"sessionid": "x"})
    assert as_editor.headers["X-Cache"] == "BYPASS"

    # Images and renditions come from disk with long lifetimes; documents only through Django.
    rendition = re.search(r'src="(/media/images/[^"]+)"', _get(proxy, page.url).text).group(1)
    image = _get(proxy, rendition)
    assert image.status_code == 200 and image.headers["Content-Type"].startswith("image/")
    assert "max-age=2592000" in image.headers["Cache-Control"]
    assert _get(proxy, "/media/documents/anything.pdf").status_code == 404


def _form_fields(html):
    """The hidden fields of the application form as a browser would send them."""
    form = re.search(r'<form class="call-form".*?</form>', html, re.S).group(0)
    assert "csrfmiddlewaretoken" not in form  # a shared page carries no visitor's token
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def _a_second_visitor_applies_through_the_cached_call_page(proxy, settings):
    call = next(page for page in CallPage.objects.live().filter(locale__language_code="en")
                if page.is_open and page.application_mode == page.EMBEDDED)  # fmt: skip
    _get(proxy, call.url)  # the first visitor fills the cache
    cached = _get(proxy, call.url)
    assert cached.headers["X-Cache"] == "HIT"
    assert "Set-Cookie" not in cached.headers

    visitor = requests.Session()  # no cookies at all, like a new reader
    data = valid_post(call, form_started=None)
    data.update(_form_fields(cached.text))
    origin = {"Origin": proxy}
    response = visitor.post(
        proxy + call.url, data=data, files={"budget": ("budget.pdf", PDF, "application/pdf")},
        headers=origin, allow_redirects=False, timeout=30,
    )  # fmt: skip
    assert response.status_code == 302, response.text[:500]
    assert Application.objects.filter(page=call).count() == 1

    confirmation = visitor.get(proxy + response.headers["Location"], timeout=10)
    assert confirmation.status_code == 200
    assert confirmation.headers["Cache-Control"] == "private, no-store"
    again = visitor.get(proxy + response.headers["Location"], timeout=10)
    assert again.headers["X-Cache"] != "HIT"

    # A page on another site cannot post the form on a visitor's behalf.
    forged = visitor.post(
        proxy + call.url, data=data, headers={"Origin": "https://evil.example"},
        allow_redirects=False, timeout=10,
    )  # fmt: skip
    assert forged.status_code == 403
    assert Application.objects.filter(page=call).count() == 1

    # A body above an application's maximum: 413 from the proxy itself, nothing read or stored.
    address = urlsplit(proxy)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(
            f"POST {call.url} HTTP/1.1\r\nHost: {address.netloc}\r\n"
            f"Content-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {max_request_size() + 1}\r\n\r\n".encode()
        )
        status_line = sock.recv(200).split(b"\r\n", 1)[0]
    assert b" 413 " in status_line
    assert Application.objects.filter(page=call).count() == 1


def test_hostile_host_headers_never_reach_the_next_reader(proxy, settings):
    """After an expiry (here: a purge) the first request may come from an attacker with a Host,
    X-Forwarded-Host or X-Forwarded-Proto of their choosing; what it puts in the shared cache is
    what every later reader gets, so no absolute link may carry the attacker's host or port."""
    page = _news("en")
    hostile = {
        "Host": "localhost:6666",
        "X-Forwarded-Host": "evil.example:6666",
        "X-Forwarded-Proto": "https",
    }
    for url in (page.url, "/sitemap.xml", "/en/"):
        requests.request("PURGE", proxy + url, timeout=10)
        first = _get(proxy, url, headers=hostile)
        assert first.status_code == 200, (url, first.status_code)
        reader = _get(proxy, url)
        assert reader.headers["X-Cache"] == "HIT", url  # the attacker's answer was cached…
        for text in ("6666", "evil.example", "localhost"):  # …with nothing of theirs in it
            assert text not in reader.text, (url, text)
        assert proxy + "/" in reader.text  # the site's own address (WAGTAILADMIN_BASE_URL)
    html = _get(proxy, page.url).text
    assert f'rel="canonical" href="{proxy}/en/' in html
