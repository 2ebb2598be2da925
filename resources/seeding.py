"""Demo library: ten resources and two campaigns in every language, with small real files.

Called by ``home.seeding.seed_site``. Idempotent: a page that exists (found by its English
source's translation key) is left alone; documents are found by title.
"""

import datetime
import json
from functools import partial
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from wagtail.models import Collection, Locale, Page

from home.models import Country, StandardPage, Topic
from home.seeding import ensure_document, ensure_image, load_content

from . import demo_catalogue as catalogue
from .models import CampaignMaterial, CampaignPage, ResourceFile, ResourceIndexPage, ResourcePage


def seed_index_page(index_context):
    """The library under one language's home page, if missing (home.seeding calls it for each
    language, after the home page's standard pages)."""
    return index_context.ensure_index("resources", ResourceIndexPage)


def seed_section(context):
    """Create whatever demo resources and campaigns are missing, in every language."""
    contents = {code: load_content(code, catalogue.CONTENT_DIR) for code in context.locales}
    _ensure_root_collection()
    documents = _ensure_documents(contents)
    locales_by_code = {locale.language_code: locale for locale in Locale.objects.all()}
    sources = {}  # English page per key, whose translation key the other languages share
    for code, locale in context.locales.items():
        index = ResourceIndexPage.objects.filter(locale=locale).first()
        if index is None:
            continue
        existing = {page.translation_key: page for page in index.get_children()}
        for key, meta in catalogue.RESOURCES.items():
            build = partial(
                _resource, key, meta, contents[code], locale, locales_by_code, documents
            )
            sources[key] = _ensure(index, existing, sources.get(key), key, build, context, code)
        for key, meta in catalogue.CAMPAIGNS.items():
            build = partial(_campaign, key, meta, contents[code], locale, documents)
            sources[key] = _ensure(index, existing, sources.get(key), key, build, context, code)


def _ensure(index, existing, source, key, build, context, code):
    if code == settings.LANGUAGE_CODE:
        found = _english_page(index, key)
    else:
        found = existing.get(source.translation_key) if source is not None else None
    if found is not None:
        return found if code == settings.LANGUAGE_CODE else source
    page = build()
    if source is not None and code != settings.LANGUAGE_CODE:
        page.translation_key = source.translation_key
    page.locale = index.locale
    # Created live in one save, without a revision: publishing a revision saves the page (and
    # re-indexes it) twice more, which tripled the seed's time. Editors' first edit makes one.
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = timezone.now()
    index.add_child(instance=page)  # saves the page with its files, topics, countries
    context.report.add(f"{page._meta.verbose_name} {key} ({code})")
    return page if code == settings.LANGUAGE_CODE else source


def _english_page(index, key):
    slug = load_content(settings.LANGUAGE_CODE, catalogue.CONTENT_DIR)
    text = slug["resources"].get(key) or slug["campaigns"].get(key)
    return Page.objects.child_of(index).filter(slug=text["slug"]).first()


def _paragraphs(*texts):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts])


def _resource(key, meta, content, locale, locales_by_code, documents):
    text = content["resources"][key]
    page = ResourcePage(
        title=text["title"],
        slug=text["slug"],
        intro=text["intro"],
        search_description=text["intro"],
        resource_type=meta["type"],
        audience=meta["audience"],
        level=meta["level"],
        publication_date=datetime.date.fromisoformat(meta["date"]),
        length=_length(meta, content),
        licence=meta["licence"],
        body=_paragraphs(text["body"]),
    )
    page.topics = list(Topic.objects.filter(locale=locale, slug__in=meta["topics"]))
    page.countries = list(Country.objects.filter(locale=locale, slug__in=meta["countries"]))
    page.languages = [
        locales_by_code[code] for code in meta["languages"] if code in locales_by_code
    ]
    page.files = [
        ResourceFile(
            document=documents[catalogue.resource_file_name(key, code)], language=code, sort_order=i
        )
        for i, code in enumerate(meta["languages"])
    ]
    return page


def _length(meta, content):
    units = content.get("units", {})
    unit = "minutes" if meta["type"] in ("video", "webinar", "training-module") else "pages"
    return f"{meta['length']} {units.get(unit, unit)}"


def _campaign(key, meta, content, locale, documents):
    text = content["campaigns"][key]
    contact_slug = load_content(locale.language_code)["pages"]["contact"]["slug"]
    contact = StandardPage.objects.filter(locale=locale, slug=contact_slug).first()
    hero = ensure_image(catalogue.FILES_DIR / f"{key}-hero.png", f"Campaign banner: {key}")
    page = CampaignPage(
        title=text["title"],
        slug=text["slug"],
        intro=text["intro"],
        search_description=text["intro"],
        goal=text["goal"],
        start_date=datetime.date.fromisoformat(meta["start"]),
        end_date=datetime.date.fromisoformat(meta["end"]),
        hero_image=hero,
        hero_alt_text="",  # a decorative banner: its alt text stays empty
        listing_image=hero,
        key_messages=json.dumps([{"type": "message", "value": m} for m in text["messages"]]),
    )
    if contact is not None:
        page.call_to_action = json.dumps(
            [
                {
                    "type": "call_to_action",
                    "value": {
                        "heading": text["cta_heading"],
                        "text": text["cta_text"],
                        "link": {"page": contact.pk, "url": "", "label": text["cta_label"]},
                    },
                }
            ]
        )
    page.related_pages = json.dumps(
        [{"type": "page", "value": pk} for pk in _latest_news_and_stories(locale)]
    )
    materials = []
    for kind, codes in meta["kit"].items():
        for code in codes:
            name = catalogue.material_file_name(key, kind, code)
            # A PDF poster's preview is drawn with the demo files; image files preview themselves.
            preview_file = catalogue.FILES_DIR / f"{Path(name).stem}-preview.png"
            preview = (
                ensure_image(preview_file, f"Preview: {documents[name].title}")
                if preview_file.exists()
                else None
            )
            materials.append(
                CampaignMaterial(
                    kind=kind,
                    document=documents[name],
                    language=code,
                    sort_order=len(materials),
                    preview=preview,
                )
            )
    page.materials = materials
    return page


def _latest_news_and_stories(locale, number=2):
    """Ids of the newest items of the news section (seeded before us), if it has any."""
    return list(
        Page.objects.live()
        .filter(locale=locale, content_type__app_label="news", depth=4)
        .order_by("-first_published_at")
        .values_list("pk", flat=True)[:number]
    )


def _ensure_root_collection():
    """Documents and images live in a collection; a flushed test database has lost the root one."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _ensure_documents(contents):
    """Every sample file as a Wagtail document (titled in its own language), by file name."""
    documents = {}
    for key, meta in catalogue.RESOURCES.items():
        for code in meta["languages"]:
            name = catalogue.resource_file_name(key, code)
            title = (
                f"{contents[code]['resources'][key]['title']} ({catalogue.LANGUAGE_NAMES[code]})"
            )
            documents[name] = _document(name, title)
    for key, meta in catalogue.CAMPAIGNS.items():
        for kind, codes in meta["kit"].items():
            for code in codes:
                name = catalogue.material_file_name(key, kind, code)
                text = contents[code or settings.LANGUAGE_CODE]
                title = f"{text['kinds'][kind]}: {text['campaigns'][key]['title']}"
                if code:
                    title += f" ({catalogue.LANGUAGE_NAMES[code]})"
                documents[name] = _document(name, title)
    return documents


def _document(name, title):
    document = ensure_document(catalogue.FILES_DIR / name, title)
    if document.file_size is None or not document.file_hash:
        # Wagtail's upload form records size and hash; a document made in code has neither.
        document.get_file_size()
        document.get_file_hash()
    return document
