"""Sections with nothing to show are not rendered: no lone cards, no one-photo gallery, no empty
article footer, no blank band in the application box (HTML as readers receive it)."""

import json
import re

import pytest

from calls.models import CallPage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage, StoryPage

pytestmark = pytest.mark.django_db


def test_home_page_has_no_near_copy_of_start_here(client):
    home = HomePage.objects.get(locale__language_code="en")
    html = client.get(home.url).content.decode()
    assert 'id="featured-heading"' in html
    assert "Explore the programme" not in html
    # Without featured pages, the sections are the way in, and they are shown.
    home.featured = json.dumps([])
    home.save_revision().publish()
    html = client.get(home.url).content.decode()
    assert 'id="featured-heading"' not in html
    sections = html.split('id="sections-heading"')[1].split("</section>")[0]
    assert sections.count("<li>") >= 2


def test_a_single_photo_is_not_a_gallery(client):
    story = StoryPage.objects.filter(locale__language_code="sq").first()
    assert len(story.gallery) == 1
    html = client.get(story.url).content.decode()
    assert 'id="gallery-heading"' not in html
    assert 'class="gallery gallery--single"' in html and html.count("<figure>") >= 1
    photo = story.gallery.raw_data[0]["value"]
    story.gallery = json.dumps([{"type": "image", "value": photo}] * 2)
    story.save_revision().publish()
    html = client.get(story.url).content.decode()
    assert 'id="gallery-heading"' in html
    gallery = html.split('id="gallery-heading"')[1].split("</section>")[0]
    assert gallery.count("<li>") == 2


def test_an_article_without_topics_or_related_pages_has_no_empty_footer(client):
    index = NewsIndexPage.objects.get(locale__language_code="mk")
    page = NewsPage.objects.child_of(index).first()
    html = client.get(page.url).content.decode()
    assert 'class="article-footer"' in html  # seeded items have topics
    page.topics, page.countries, page.grant_type = [], [], None
    page.tags.clear()
    page.related_pages = json.dumps([])
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert 'class="article-footer"' not in html and "article-taxonomy" not in html


def test_the_application_box_starts_with_its_heading(client):
    page = CallPage.objects.get(code="WBCSP-2026-CORE-01", locale__language_code="sr")
    html = client.get(page.url).content.decode()
    assert re.search(r'<section id="apply"[^>]*>\s*<h2 id="apply-heading">', html)
