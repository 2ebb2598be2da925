"""Translation workflow timings for 100 pages: submit for translation, sync after a source
change, and Serbian Latin generated on publish (make bench).

Each step goes through the same code the admin uses: wagtail-localize's TranslationCreator for
"Translate" and "Sync translated pages", and a Serbian publish for the Latin version.
"""

import time

import harness
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from home.models import HomePage, StandardPage
from home.seeding import seed_site
from translations.latin_script import generate_latin_version, latin_generation_suspended

PAGES = 100
BODY = [
    ("heading", {"text": "Who can apply", "level": "h2"}),
    (
        "paragraph",
        "<p>Registered civil society organisations from the six Western Balkans economies may "
        "apply, alone or with partners, for projects of twelve to twenty-four months.</p>",
    ),
]
SERBIAN_BODY = [
    ("heading", {"text": "Ко може да се пријави", "level": "h2"}),
    (
        "paragraph",
        "<p>Регистроване организације цивилног друштва са Западног Балкана могу да се пријаве "
        "самостално или са партнерима, за пројекте од дванаест до двадесет четири месеца.</p>",
    ),
]


def add_pages(language_code, body, prefix):
    home = HomePage.objects.get(locale__language_code=language_code)
    pages = []
    for number in range(PAGES):
        page = StandardPage(
            title=f"{prefix} {number + 1}",
            slug=f"bench-{prefix.lower().replace(' ', '-')}-{number + 1}",
            intro="Grants for civil society organisations across the Western Balkans.",
            body=body,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return pages


def timed(label, action):
    start = time.perf_counter()
    with transaction.atomic():
        action()
    seconds = time.perf_counter() - start
    print(f"{label:<58}{seconds:>8.2f} s{seconds / PAGES * 1000:>9.1f} ms/page")


def main():
    print(f"== translation workflow ({PAGES} pages)")
    harness.migrate()
    seed_site()
    user, _created = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_superuser": True, "is_staff": True}
    )
    mk = Locale.objects.get(language_code="mk")
    english = add_pages("en", BODY, "Bench page")

    def translate():
        creator = TranslationCreator(user, [mk])
        for page in english:
            creator.create_translations(page)

    timed("submit for translation into mk (TranslationCreator)", translate)

    def translate_strings():
        for translation in Translation.objects.filter(
            target_locale=mk, source__object_id__in=[str(page.translation_key) for page in english]
        ):
            for segment in translation.source.stringsegment_set.select_related("string", "context"):
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string,
                    locale=mk,
                    context=segment.context,
                    defaults={"data": f"[mk] {segment.string.data}"},
                )
            translation.save_target(user=user, publish=True)

    timed("translate every string and publish (import + save_target)", translate_strings)

    def change_and_sync():
        for page in english:
            page = page.specific
            page.intro = "Grants for civil society organisations and informal groups."
            page.save_revision(user=user).publish()
        creator = TranslationCreator(user, [mk])
        for page in english:
            creator.create_translations(page.specific)

    timed("change the English intro, publish, sync translations", change_and_sync)
    kept = (
        Page.objects.filter(locale=mk, translation_key__in=[p.translation_key for p in english])
        .filter(title__startswith="[mk]")
        .count()
    )
    print(f"{'Macedonian titles kept after the sync':<58}{kept:>8} of {PAGES}")

    serbian = []

    def create_serbian():
        with latin_generation_suspended():
            serbian.extend(add_pages("sr", SERBIAN_BODY, "Страна"))

    timed("create and publish sr pages (Latin generation suspended)", create_serbian)
    timed(
        "generate sr-latn from them (transliterate, publish)",
        lambda: [generate_latin_version(page) for page in serbian],
    )
    latin = Page.objects.filter(
        locale__language_code="sr-latn", translation_key__in=[p.translation_key for p in serbian]
    )
    print(f"{'sr-latn pages generated':<58}{latin.count():>8} of {PAGES}")


if __name__ == "__main__":
    main()
