"""Demo news and success stories in every language — created only when missing.

``demo_content/items.json`` holds what every language shares (dates, taxonomy slugs, images, tags,
figures); ``demo_content/<language>.json`` holds the texts. English is the source: every other
language's item shares the English item's translation_key.
"""

import json
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path

from django.conf import settings
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Collection, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.addresses import page_slug
from home.models import Country, GrantType, Topic
from home.seeding import ensure_image, load_content, rename_seeded_page
from news.models import NEWS, STORIES, NewsIndexPage, NewsPage, StoryPage

APP_DIR = Path(__file__).resolve().parent
CONTENT_DIR = APP_DIR / "demo_content"
FILES_DIR = APP_DIR / "demo_files"


def seed_index_page(index_context):
    """The newsroom under one language's home page, if missing (home.seeding calls it for each
    language, after the home page's standard pages)."""
    return index_context.ensure_index("news", NewsIndexPage)


def seed_section(context):
    """Create the demo news and stories missing under each language's newsroom."""
    shared = json.loads((CONTENT_DIR / "items.json").read_text(encoding="utf-8"))
    _ensure_root_collection()
    images = {
        name: ensure_image(FILES_DIR / f"{name}.png", title)
        for name, title in shared["images"].items()
    }
    created = {NewsPage: [], StoryPage: []}
    with _indexing_deferred(created):
        _seed_languages(context, shared, images, created)


def _seed_languages(context, shared, images, created):
    english = {}
    for code, locale in context.locales.items():  # English first: the source of translation keys
        index = NewsIndexPage.objects.child_of(context.homes[code]).first()
        if index is None:
            continue
        texts = load_content(code, CONTENT_DIR)
        existing = _existing_items(index, code, english, texts, shared)
        terms = _terms(locale)
        for kind, model in ((NEWS, NewsPage), (STORIES, StoryPage)):
            for key, meta in shared[kind].items():
                page = existing.get(key)
                if page is None:
                    page = _create(index, model, key, meta, texts, terms, images, english, locale)
                    created[model].append(page.pk)
                    context.report.add(f"{kind} {key} ({code})")
                if code == settings.LANGUAGE_CODE:
                    english[key] = page


def _ensure_root_collection():
    """Images need the root collection; a migration creates it, but transactional tests'
    database flush (browser tests) removes it before re-seeding."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@contextmanager
def _indexing_deferred(created):
    """Index the new pages once, in bulk, instead of on each of their several saves.

    The search and reference indexes are updated on every save (add, revision, publish); doing
    that once per page instead makes seeding several times faster (it runs once per test worker).
    """
    models = list(created)
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    for model, pks in created.items():
        if pks:
            pages = list(model.objects.filter(pk__in=pks).select_related("locale"))
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, pages)
            for page in pages:
                ReferenceIndex.create_or_update_for_object(page)


def _existing_items(index, code, english, texts, shared):
    """This language's items by seed key: English ones by the slug of their title, others by
    translation.

    English items of databases seeded before addresses lost their seed key ("n01-…") are
    recognised by that prefix and renamed (Wagtail then redirects the old address).
    """
    children = list(NewsPage.objects.child_of(index)) + list(StoryPage.objects.child_of(index))
    if code == settings.LANGUAGE_CODE:
        keys = [key for kind in (NEWS, STORIES) for key in shared[kind]]
        by_slug = {page_slug(texts["items"][key]["title"]): key for key in keys}
        found = {}
        for page in children:
            key = by_slug.get(page.slug)
            legacy = page.slug[:3] if page.slug[3:4] == "-" and page.slug[:3] in keys else None
            if key is None and legacy:
                key = legacy
                rename_seeded_page(page, page_slug(texts["items"][key]["title"]))
            if key:
                found[key] = page
        return found
    by_key = {page.translation_key: page for page in children}
    return {
        key: by_key[source.translation_key]
        for key, source in english.items()
        if source.translation_key in by_key
    }


def _terms(locale):
    """This language's taxonomy by slug: three queries."""
    return {
        "country": {term.slug: term for term in Country.objects.filter(locale=locale)},
        "topic": {term.slug: term for term in Topic.objects.filter(locale=locale)},
        "grant_type": {term.slug: term for term in GrantType.objects.filter(locale=locale)},
    }


def _create(index, model, key, meta, texts, terms, images, english, locale):
    text = texts["items"][key]
    page = model(
        title=text["title"],
        slug=page_slug(text["title"]),
        locale=locale,
        date=date.fromisoformat(meta["date"]),
        intro=text["lead"],
        search_description=text["lead"][:300],
        # An article shows its own picture or none: a picture repeated across articles is a placeholder.
        listing_image=images[meta["image"]] if meta["image"] else None,
        image_alt=text["image_alt"] if meta["image"] else "",
        body=json.dumps([{"type": "paragraph", "value": f"<p>{p}</p>"} for p in text["body"]]),
        grant_type=terms["grant_type"].get(meta["grant_type"]),
    )
    page.countries = [terms["country"][slug] for slug in meta["countries"]]
    page.topics = [terms["topic"][slug] for slug in meta["topics"]]
    page.tags.add(*(texts["tags"][tag] for tag in meta["tags"]))
    if model is NewsPage:
        page.organisation = text.get("organisation", "")
    else:
        _fill_story(page, meta, text, images)
    if key in english:
        page.translation_key = english[key].translation_key
    _add_published(index, page)
    return page


def _add_published(index, page):
    """Add ``page`` live with one revision, as if published on its date.

    A shortcut through Wagtail's publish action (which saves the page three times and writes
    log entries): one insert, one revision, one update. Demo items then look published on their
    own date, so feeds and archives read naturally.
    """
    published = timezone.make_aware(datetime.combine(page.date, time(10)))
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = published
    index.add_child(instance=page)
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    type(page).objects.filter(pk=page.pk).update(latest_revision=revision, live_revision=revision)


def _fill_story(page, meta, text, images):
    page.grantee = text["grantee"]
    page.place = text["place"]
    page.project_start = date.fromisoformat(meta["project_start"])
    page.project_end = date.fromisoformat(meta["project_end"])
    page.outcomes = json.dumps(
        [
            {"type": "outcome", "value": {"number": number, "label": label}}
            for number, label in zip(meta["figures"], text["figures"], strict=True)
        ]
    )
    page.pull_quotes = json.dumps(
        [{"type": "quote", "value": {"quote": text["quote"], "attribution": text["attribution"]}}]
    )
    page.gallery = json.dumps(
        [
            {
                "type": "image",
                "value": {
                    "image": images[meta["gallery"]].pk,
                    "alt_text": text["gallery_alt"],
                    "caption": text.get("gallery_caption", ""),
                },
            }
        ]
    )
