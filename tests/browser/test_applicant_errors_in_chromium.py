"""An applicant's bad moments in real Chromium, in Macedonian (Cyrillic) and Albanian, at 390 and
1280 px (issue 19, section 2): a form with errors, a file too large, every answer other than
success (413, 429, 502, a dropped connection), and a form sent within seconds (autofill).

The call is a new English call translated with wagtail-localize
(``test_application_form_in_chromium.make_translated_call``): a name, a dropdown and a budget file.
"""

import re
from pathlib import Path

import pytest
from django.core.cache import cache

from calls.models import Application, CallPage
from tests.browser.conftest import VIEWPORTS, screenshot
from tests.browser.test_application_form_in_chromium import TRANSLATIONS, make_translated_call
from tests.browser.test_calls_in_chromium import WIDER_THAN_VIEWPORT, _violations
from tests.calls.helpers import PDF

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/applicants")
SEGMENTS = {"mk": "primeno", "sq": "pranuar"}
NAMES = {"mk": "Радио Заедница", "sq": "Radio Komuniteti"}
CYRILLIC = re.compile("[а-шѓќљњџѕј]")

ACTIVE = "document.activeElement && (document.activeElement.id || document.activeElement.className)"
IN_VIEW = """(selector) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
}"""


@pytest.fixture
def root_collection(transactional_db):
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def translated_call(root_collection, seeded_live_server, admin_user):
    cache.clear()  # the rate-limit counter of 127.0.0.1
    yield make_translated_call(admin_user)
    cache.clear()  # this test posts often: leave no count behind for the next test


def _shot(page, name):
    """What the reader sees (into /tmp/shots), then the whole page (test-artifacts)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
    screenshot(page, name)


def _check(page, axe, name):
    _shot(page, name)
    # Of the page's own content (the header is another test's: test_header_in_chromium).
    wider = page.evaluate(
        WIDER_THAN_VIEWPORT.replace("body *", "main *").replace(
            'el.tagName + "." + el.className', "el.outerHTML.slice(0, 160)"
        )
    )
    assert wider == [], name
    assert _violations(axe, page) == [], name


def _says_it_in(language, text):
    """Text shown to the reader is in their language, not the English source."""
    if language == "mk":
        assert CYRILLIC.search(text), text
    else:
        assert not re.search(r"\b(the|your|form|sent)\b", text), text


def _pdf_of(path, size):
    """A PDF of ``size`` bytes that passes the content checks (a long comment before its end)."""
    body, end = PDF[: -len(b"%%EOF\n")], b"\n%%EOF\n"
    path.write_bytes(body + b"%" + b"0" * (size - len(body) - len(end) - 1) + end)
    assert path.stat().st_size == size
    return str(path)


def _send_and_expect(page, kept, attribute, axe=None, shot=None):
    """Send the form; the answer is no success: the message of ``attribute`` is shown and
    focused beside the button, which works again, and the answers and the file are as they were."""
    language, organisation = kept
    page.locator(".call-form button[type=submit]").click()
    page.wait_for_function(
        "(text) => document.querySelector('.call-form__failure').textContent === text"
        " && !document.querySelector('.call-form__failure').hidden",
        arg=page.locator("form.call-form").get_attribute(attribute),
        timeout=10_000,
    )
    _says_it_in(language, page.locator(".call-form__failure").inner_text())
    assert page.evaluate(ACTIVE) == "call-form__failure"
    assert page.evaluate(IN_VIEW, ".call-form__failure")  # not left at the footer
    assert page.locator(".call-form button[type=submit]").is_enabled()
    assert page.input_value("#id_name_of_the_organisation") == organisation
    assert page.input_value("#id_type_of_applicant") == "informal_group"
    assert page.evaluate("document.querySelector('#id_budget').files.length") == 1
    if shot:
        _check(page, axe, shot)


@pytest.mark.parametrize("language", ["mk", "sq"])
def test_errors_and_failed_answers_keep_the_applicant_s_work(
    translated_call, seeded_live_server, open_page, axe, settings, tmp_path, language
):
    settings.CALLS_MIN_FILL_SECONDS = 0
    settings.CALLS_RATE_LIMIT = 1000
    words = TRANSLATIONS[language]
    target = CallPage.objects.get(
        translation_key=translated_call.translation_key, locale__language_code=language
    )
    small = _pdf_of(tmp_path / "budget.pdf", 2_000)
    big = _pdf_of(tmp_path / "budget-scan.pdf", 31 * 1024 * 1024)
    for viewport in ("phone", "desktop"):
        name = f"applicant-{language}-{viewport}"
        organisation = f"{NAMES[language]} {viewport}"
        page, response = open_page(seeded_live_server.url + target.url, viewport)
        assert response.status == 200
        posts = []
        page.on("request", lambda r, posts=posts: posts.append(r.url) if r.method == "POST" else None)  # fmt: skip

        # 2.3 Sent without the name: the summary takes the focus and links to the field.
        page.select_option("#id_type_of_applicant", label=words["Informal group"])
        page.set_input_files("#id_budget", small)
        page.locator(".call-form button[type=submit]").click()
        summary = page.locator("#apply-errors")
        summary.wait_for(timeout=10_000)
        assert page.evaluate(ACTIVE) == "apply-errors"
        link = summary.locator('a[href="#id_name_of_the_organisation"]')
        assert link.inner_text().startswith(words["Name of the organisation"])
        assert page.evaluate(IN_VIEW, "#apply-errors")
        _check(page, axe, name + "-summary")
        link.click()
        assert page.evaluate(ACTIVE) == "id_name_of_the_organisation"
        assert page.evaluate(IN_VIEW, "#id_name_of_the_organisation")
        page.fill("#id_name_of_the_organisation", organisation)

        # 2.2 A 31 MB file: said at the field as soon as it is chosen, and nothing is sent.
        sent_before = len(posts)
        page.set_input_files("#id_budget", big)
        error = page.locator("#id_budget_client_error")
        assert error.is_visible()
        _says_it_in(language, error.inner_text())
        assert "31,0" in error.inner_text() and "10,0" in error.inner_text()
        page.locator(".call-form button[type=submit]").click()
        summary.locator('a[href="#id_budget"]').wait_for(timeout=5_000)
        assert page.evaluate(ACTIVE) == "apply-errors"
        assert len(posts) == sent_before  # the browser kept the 31 MB to itself
        assert page.locator(".call-form button[type=submit]").is_enabled()
        _check(page, axe, name + "-file-too-large")
        page.set_input_files("#id_budget", small)
        assert page.locator("#id_budget_client_error").count() == 0

        # 2.2 / 2.4 Every answer other than success keeps the form as it was, with a message.
        kept = (language, organisation)
        settings.CALLS_RATE_LIMIT = 0  # the next post is one too many: 429
        _send_and_expect(page, kept, "data-failed-busy", axe, f"{name}-429")
        settings.CALLS_RATE_LIMIT = 1000
        settings.CALLS_MAX_REQUEST_SIZE = 1_000  # the server's own 413, through the dev server
        _send_and_expect(page, kept, "data-failed-too-large")
        settings.CALLS_MAX_REQUEST_SIZE = None
        # The proxy's answer when the app server is down (502): the only answer stood in for.
        page.route("**/*", lambda route: route.fulfill(status=502, body="Bad Gateway")
                   if route.request.method == "POST" else route.continue_())  # fmt: skip
        _send_and_expect(page, kept, "data-failed-server")
        page.unroute("**/*")
        page.context.set_offline(True)  # a dropped connection
        _send_and_expect(page, kept, "data-failed-connection", axe, f"{name}-offline")
        page.context.set_offline(False)
        assert not Application.objects.filter(form_data__name_of_the_organisation=organisation)

        # Sent again once all is well: stored with the file, at the language's own address.
        page.locator(".call-form button[type=submit]").click()
        page.locator("#reference").wait_for(timeout=10_000)
        assert f"/{SEGMENTS[language]}/" in page.url and "/received/" not in page.url
        reference = page.locator("#reference")
        # 2.5 One line: "SB-2026-" never apart from "000001".
        assert page.evaluate("document.querySelector('#reference').getClientRects().length") == 1
        _check(page, axe, name + "-received")
        application = Application.objects.get(reference=reference.inner_text())
        assert application.form_data["name_of_the_organisation"] == organisation
        assert application.files.get().original_name == "budget.pdf"
        assert application.review_reason == ""

        # The total of all files is checked too (one file here, the per-file limit above it).
        if viewport == "desktop":
            settings.CALLS_MAX_FILE_SIZE, settings.CALLS_MAX_APPLICATION_SIZE = (
                40 * 2**20,
                25 * 2**20,
            )
            page.goto(seeded_live_server.url + target.url)
            page.set_input_files("#id_budget", big)
            error = page.locator("#id_budget_client_error")
            assert "25,0" in error.inner_text()
            _says_it_in(language, error.inner_text())


@pytest.mark.parametrize("language", ["mk", "sq"])
def test_a_form_sent_within_seconds_is_stored_with_its_file_and_flagged(
    translated_call, seeded_live_server, open_page, settings, tmp_path, language
):
    """Autofill, or a returning applicant: sent sooner than CALLS_MIN_FILL_SECONDS (made an hour
    here, so that however slow the machine, Playwright is "too fast")."""
    settings.CALLS_MIN_FILL_SECONDS = 3600
    settings.CALLS_RATE_LIMIT = 1000
    words = TRANSLATIONS[language]
    target = CallPage.objects.get(
        translation_key=translated_call.translation_key, locale__language_code=language
    )
    small = _pdf_of(tmp_path / "budget.pdf", 3_000)
    for viewport in ("phone", "desktop"):
        organisation = f"{NAMES[language]} {viewport} autofill"
        page, _response = open_page(seeded_live_server.url + target.url, viewport)
        page.fill("#id_name_of_the_organisation", organisation)
        page.select_option("#id_type_of_applicant", label=words["Youth group"])
        page.set_input_files("#id_budget", small)
        page.locator(".call-form button[type=submit]").click()
        try:
            page.locator("#reference").wait_for(timeout=10_000)
        finally:
            _shot(page, f"applicant-{language}-{viewport}-fast-received")
        application = Application.objects.get(reference=page.locator("#reference").inner_text())
        assert application.review_reason == Application.SENT_FAST
        assert application.form_data["name_of_the_organisation"] == organisation
        assert application.form_data["type_of_applicant"] == "youth_group"
        stored = application.files.get()
        assert stored.original_name == "budget.pdf" and stored.size == 3_000


@pytest.mark.parametrize("language, viewport", [("mk", "phone"), ("sq", "desktop")])
def test_without_javascript_a_429_leaves_the_answers_in_the_form(
    translated_call, seeded_live_server, browser, settings, language, viewport
):
    settings.CALLS_MIN_FILL_SECONDS = 0
    settings.CALLS_RATE_LIMIT = 0
    target = CallPage.objects.get(
        translation_key=translated_call.translation_key, locale__language_code=language
    )
    context = browser.new_context(viewport=VIEWPORTS[viewport], java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(seeded_live_server.url + target.url)
        page.fill("#id_name_of_the_organisation", NAMES[language])
        page.select_option("#id_type_of_applicant", "informal_group")
        page.locator(".call-form button[type=submit]").click()
        page.wait_for_load_state()
        heading = page.locator("h1").inner_text()
        _says_it_in(language, page.locator("main").inner_text())
        assert page.evaluate("window.scrollY") == 0, heading  # the message, not the footer
        _shot(page, f"applicant-{language}-{viewport}-429-without-script")
        page.go_back()
        page.wait_for_load_state()
        assert page.input_value("#id_name_of_the_organisation") == NAMES[language]
        assert page.input_value("#id_type_of_applicant") == "informal_group"
    finally:
        context.set_offline(True)
        context.close()
