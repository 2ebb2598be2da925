"""Build the eight-language page tree, taxonomy, menus and demo content — idempotently.

Running it again creates only what is missing and never overwrites what editors changed.
English is the source; every other language's item shares the English item's translation_key,
so wagtail-localize and the language switcher see them as translations of one another.
``sr-latn`` is generated from ``sr`` by transliteration, never written by hand.
"""

import json
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Page, Site

from home.models import (
    ContactSettings,
    Country,
    Footer,
    GrantType,
    HomePage,
    MainMenu,
    ShareCard,
    StandardPage,
    Topic,
)
from home.share_cards import ensure_share_card
from translations.adoption import adopt_all
from translations.latin_script import latin_generation_suspended
from translations.translators import ensure_translator_groups
from translations.transliteration import serbian_to_latin

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"
GENERATED_FROM = {"sr-latn": "sr"}  # locale → the locale it is transliterated from

STANDARD_PAGES = ["about", "contact", "accessibility", "privacy"]
MENU = ["about", "news", "calls", "resources", "contact"]
FOOTER_LINKS = ["contact", "accessibility", "privacy"]

COUNTRIES = [  # slug, ISO code
    ("albania", "AL"),
    ("bosnia-and-herzegovina", "BA"),
    ("kosovo", "XK"),
    ("montenegro", "ME"),
    ("north-macedonia", "MK"),
    ("serbia", "RS"),
    ("regional", ""),
]
THEMES = {
    "security-and-stability": [
        "preventing-violent-extremism",
        "community-safety",
        "dealing-with-the-past",
    ],
    "governance": ["anti-corruption", "citizen-participation", "media-freedom", "local-democracy"],
}
GRANT_TYPES = ["core", "regional", "national", "local", "creative-box", "media"]


@dataclass
class SeedReport:
    created: list = field(default_factory=list)

    def add(self, what):
        self.created.append(what)


def load_content(language_code, directory=CONTENT_DIR):
    """The demo content of one language from ``directory/<code>.json``.

    Generated locales (sr-latn) read their source's file and transliterate it.
    """
    source = GENERATED_FROM.get(language_code, language_code)
    with open(Path(directory) / f"{source}.json", encoding="utf-8") as handle:
        content = json.load(handle)
    if language_code in GENERATED_FROM:
        content = _transliterate(content)
    return content


def _transliterate(value):
    if isinstance(value, str):
        return serbian_to_latin(value)
    if isinstance(value, list):
        return [_transliterate(item) for item in value]
    if isinstance(value, dict):
        return {key: _transliterate(item) for key, item in value.items()}
    return value


def ensure_image(path, title):
    """The Wagtail image titled ``title``, created from the file at ``path`` if missing."""
    image = Image.objects.filter(title=title).first()
    if image is None:
        with open(path, "rb") as handle:
            image = Image(title=title, file=File(handle, name=Path(path).name))
            image.save()
    return image


def ensure_document(path, title):
    """The Wagtail document titled ``title``, created from the file at ``path`` if missing."""
    document = Document.objects.filter(title=title).first()
    if document is None:
        with open(path, "rb") as handle:
            document = Document(title=title, file=File(handle, name=Path(path).name))
            document.file_size = document.file.size  # as the admin's upload form records them
            document._set_file_hash()
            document.save()
    return document


def rename_seeded_page(page, slug):
    """Give a demo page seeded under an older address rule its readable slug, published.

    Publishing a new slug makes Wagtail's redirects app send the old address to the new one,
    so links to a database seeded before keep working. Only databases seeded with the old rule
    get here; a fresh seed creates pages with their readable slug.
    """
    if page.slug == slug:
        return
    page.slug = slug
    page.save_revision(clean=False).publish()


def language_codes():
    """English first (the source), then the others in settings order."""
    codes = [code for code, _name in settings.LANGUAGES]
    codes.remove(settings.LANGUAGE_CODE)
    return [settings.LANGUAGE_CODE, *codes]


def seed_site():
    """Create whatever of the site is missing. Returns a SeedReport of what was created."""
    # sr-latn is seeded from the same transliterated content, so publishing the Serbian seed
    # need not regenerate it page by page.
    with transaction.atomic(), latin_generation_suspended():
        return _seed_site()


def _seed_site():
    report = SeedReport()
    root = _ensure_root(report)
    locales = {code: _ensure_locale(code, report) for code in language_codes()}
    contents = {code: load_content(code) for code in locales}
    for code, locale in locales.items():
        _ensure_taxonomy(locale, contents[code]["taxonomy"], report)
    homes = {}
    for code, locale in locales.items():
        homes[code] = _ensure_language_tree(root, locale, contents[code], homes.get("en"), report)
    _ensure_site(homes[settings.LANGUAGE_CODE], report)
    for code, locale in locales.items():
        _ensure_navigation(locale, homes[code], contents[code], report)
    _ensure_contact_settings(report)
    ensure_translator_groups(homes)
    _seed_sections(SeedContext(locales=locales, homes=homes, report=report))
    _adopt_translations(report)
    _ensure_share_cards(report)
    return report


def _ensure_share_cards(report):
    """Draw the share card of every live page that lacks one (seeding publishes pages in bulk,
    past the page_published signal that draws them for editors)."""
    have = set(ShareCard.objects.values_list("page_id", flat=True))
    drawn = 0
    for page in Page.objects.live().filter(depth__gte=2).exclude(pk__in=have).specific():
        ensure_share_card(page)
        drawn += 1
    if drawn:
        report.add(f"{drawn} share cards drawn")


def _adopt_translations(report):
    """Record the seeded translations in wagtail-localize (translations/adoption.py), so that
    syncing from English keeps their text instead of replacing it with English."""
    adoption = adopt_all()
    for code in adoption.languages:
        if adoption.adopted[code]:
            report.add(f"{adoption.adopted[code]} translations recorded ({code})")


@dataclass
class SeedContext:
    """What a section's seeder gets: the locales and home pages by language code, and the report."""

    locales: dict
    homes: dict
    report: SeedReport


@dataclass
class IndexPageContext:
    """What a section's ``seed_index_page`` gets, for one language while the children of its home
    page are seeded: the home page, its locale, the language's demo content (home/demo_content,
    whose "pages" hold each section index's title, slug and intro by seed key) and the report."""

    home: Page
    locale: Locale
    content: dict
    en_children: dict  # the English home page's children by seed key
    report: SeedReport

    def ensure_child(self, key, build):
        """The home page's child seeded as ``key`` (its English source found by the seeded slug),
        created with ``build()`` and published only if missing."""
        return _ensure_child(
            self.home, self.locale, self.en_children.get(key), key, build, self.report
        )

    def ensure_index(self, key, model):
        """The section index page ``model`` seeded as ``key``, with the title, slug and intro of
        the language's demo content, if missing."""
        data = self.content["pages"][key]
        fields = {name: data[name] for name in ("title", "slug", "intro")}
        return self.ensure_child(key, lambda: model(**fields))


def _section_seeders():
    """The ``seeding`` modules of the apps other than home, in INSTALLED_APPS order.

    A section's module may hold ``seed_index_page(index_context)``, called for each language
    right after the home page's standard pages (so the sections' index pages follow them in the
    tree, in app order), and ``seed_section(context)``, called once every language's tree,
    menus and taxonomy exist, to add the section's content. Both must be idempotent: create
    only what is missing.
    """
    return [
        import_module(f"{app_config.name}.seeding")
        for app_config in apps.get_app_configs()
        if app_config.name != "home" and module_has_submodule(app_config.module, "seeding")
    ]


def _seed_sections(context):
    """Let each section's seeding module add its content (``seed_section(context)``)."""
    for module in _section_seeders():
        if hasattr(module, "seed_section"):
            module.seed_section(context)


def _ensure_contact_settings(report):
    contact = ContactSettings.load()
    if not contact.email:
        contact.email = "info@wbcsp.example"
        contact.phone = "+381 11 000 0000"
        contact.save()
        report.add("contact details")


def _ensure_root_collection(report):
    # Wagtail's migrations create it; a flushed test database (live-server tests) has none.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
        report.add("root collection")


def _ensure_root(report):
    _ensure_root_collection(report)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=_default_locale()))
        report.add("root page")
    return root


def _default_locale():
    return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


def _ensure_locale(code, report):
    locale, created = Locale.objects.get_or_create(language_code=code)
    if created:
        report.add(f"locale {code}")
    return locale


# --- Taxonomy --------------------------------------------------------------------------------


def _ensure_taxonomy(locale, names, report):
    for order, (slug, iso) in enumerate(COUNTRIES):
        _ensure_term(Country, locale, slug, names["countries"][slug], order, report, iso_code=iso)
    order = 0
    for theme, subtopics in THEMES.items():
        parent = _ensure_term(Topic, locale, theme, names["topics"][theme], order, report)
        for subtopic in subtopics:
            order += 1
            _ensure_term(
                Topic, locale, subtopic, names["topics"][subtopic], order, report, parent=parent
            )
        order += 1
    for order, slug in enumerate(GRANT_TYPES):
        _ensure_term(GrantType, locale, slug, names["grant_types"][slug], order, report)


def _ensure_term(model, locale, slug, name, order, report, **extra):
    existing = model.objects.filter(locale=locale, slug=slug).first()
    if existing:
        return existing
    source = model.objects.filter(locale__language_code=settings.LANGUAGE_CODE, slug=slug).first()
    term = model(locale=locale, slug=slug, name=name, sort_order=order, **extra)
    if source is not None and source.locale_id != locale.id:
        term.translation_key = source.translation_key
    term.save()
    report.add(f"{model._meta.verbose_name} {slug} ({locale.language_code})")
    return term


# --- Pages -----------------------------------------------------------------------------------


def _translation_of(source, locale):
    """The page translating ``source`` into ``locale``, if any."""
    if source is None:
        return None
    return (
        Page.objects.filter(translation_key=source.translation_key, locale=locale)
        .specific()
        .first()
    )


def _publish_new(parent, page, report, label):
    parent.add_child(instance=page)
    page.save_revision().publish()
    report.add(label)
    return page


def _ensure_language_tree(root, locale, content, en_home, report):
    code = locale.language_code
    home_content = content["home"]
    home = _translation_of(en_home, locale) if en_home else None
    if home is None and code == settings.LANGUAGE_CODE:
        home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        home = HomePage(
            title=home_content["title"],
            slug=f"home-{code}",
            locale=locale,
            seo_title=home_content["seo_title"],
            search_description=home_content["search_description"],
            hero_heading=home_content["hero_heading"],
            hero_intro=home_content["hero_intro"],
            hero_cta_label=home_content["hero_cta_label"],
            body=home_content["intro"],
            featured_heading=home_content["featured_heading"],
        )
        if en_home is not None:
            home.translation_key = en_home.translation_key
        _publish_new(root, home, report, f"home page ({code})")

    en_children = _children_by_key(en_home or home)
    for key in STANDARD_PAGES:
        data = content["pages"][key]
        _ensure_child(
            home,
            locale,
            en_children.get(key),
            key,
            lambda data=data: StandardPage(
                title=data["title"],
                slug=data["slug"],
                intro=data["intro"],
                search_description=data["search_description"],
                body=_stream_value(StandardPage, "body", data["body"]),
            ),
            report,
        )
    index_context = IndexPageContext(home, locale, content, en_children, report)
    for module in _section_seeders():
        if hasattr(module, "seed_index_page"):
            module.seed_index_page(index_context)
    _ensure_home_links(home)
    return home


def _stream_value(model, field_name, blocks):
    """``blocks`` (raw StreamField data) as the page editor would save it: every block, list
    items included, with an id. wagtail-localize translates list items only in that form."""
    value = model._meta.get_field(field_name).to_python(json.dumps(blocks))
    for _block in value:  # binding each block makes saving write the current format
        pass
    return value


def _children_by_key(en_home):
    """English children of the home page, by seed key (about, news…), found by their slug."""
    content = load_content(settings.LANGUAGE_CODE)["pages"]
    by_slug = {page.slug: page for page in en_home.get_children().specific()}
    return {key: by_slug.get(data["slug"]) for key, data in content.items()}


def _ensure_child(home, locale, en_source, key, build, report):
    if locale.language_code == settings.LANGUAGE_CODE:
        if en_source is not None:
            return en_source
    else:
        existing = _translation_of(en_source, locale)
        if existing is not None:
            return existing
    page = build()
    page.locale = locale
    if en_source is not None and locale.language_code != settings.LANGUAGE_CODE:
        page.translation_key = en_source.translation_key
    return _publish_new(home, page, report, f"{key} page ({locale.language_code})")


def _ensure_home_links(home):
    """Point the hero button to the calls and feature the about page and library, once.

    The sections' index pages are found by their seed key ("calls", "resources"), as the menus
    find them.
    """
    if home.hero_cta_page_id and home.featured:
        return
    children = _localized_children(home)
    about = home.get_children().type(StandardPage).first()
    if not home.hero_cta_page_id:
        home.hero_cta_page = children.get("calls")
    if not home.featured:
        featured = [about, children.get("calls"), children.get("resources")]
        home.featured = [("page", page) for page in featured if page is not None]
    home.save_revision().publish()


def _ensure_site(en_home, report):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=en_home, is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )  # fmt: skip
        report.add("site")
        return
    if site.root_page_id != en_home.id:
        old_root = site.root_page
        site.root_page = en_home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        report.add("site root")
        # Wagtail's placeholder "Welcome" page is replaced by the English home page.
        if type(old_root.specific) is Page and old_root.depth == 2:
            old_root.delete()


# --- Navigation ------------------------------------------------------------------------------


def _ensure_navigation(locale, home, content, report):
    children = _localized_children(home)
    en_menu = MainMenu.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if not MainMenu.objects.filter(locale=locale).exists():
        menu = MainMenu(locale=locale, links=_links(children, MENU))
        if en_menu is not None:
            menu.translation_key = en_menu.translation_key
        _save_published(menu)
        report.add(f"main menu ({locale.language_code})")
    en_footer = Footer.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if not Footer.objects.filter(locale=locale).exists():
        footer = Footer(
            locale=locale,
            about_text=content["footer"]["about_text"],
            donor_acknowledgement=f"<p>{content['footer']['donor_acknowledgement']}</p>",
            links=_links(children, FOOTER_LINKS),
        )
        if en_footer is not None:
            footer.translation_key = en_footer.translation_key
        _save_published(footer)
        report.add(f"footer ({locale.language_code})")


def _save_published(snippet):
    """Create a draft-state snippet as the admin's "Publish" does: saved not live, then its
    first revision published (readers only see live versions)."""
    snippet.live = False
    snippet.save()
    snippet.save_revision().publish()


def _localized_children(home):
    """This home's children keyed by the seed key of their English source."""
    en_home = home if home.locale.language_code == settings.LANGUAGE_CODE else None
    if en_home is None:
        en_home = Page.objects.get(
            translation_key=home.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
    en_by_key = _children_by_key(en_home)
    mine = {page.translation_key: page for page in home.get_children()}
    return {
        key: mine.get(source.translation_key)
        for key, source in en_by_key.items()
        if source is not None
    }


def _links(children, keys):
    return [
        ("link", {"page": children[key], "url": "", "label": ""})
        for key in keys
        if children.get(key) is not None
    ]
