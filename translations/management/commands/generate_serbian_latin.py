from django.core.management.base import BaseCommand
from wagtail.models import Page, get_translatable_models

from translations.latin_script import (
    SOURCE_LANGUAGE,
    generate_and_record,
    has_latin_version_of_its_own,
    latin_generation_suspended,
    remove_stray_children,
)


class Command(BaseCommand):
    help = (
        "Repair Serbian pages that carry inline children of another language (form fields put "
        "there by an earlier version), then regenerate every sr-latn page and snippet from its "
        "Serbian Cyrillic source. Safe to run again: it changes nothing that is already right."
    )

    def handle(self, *args, **options):
        pages = Page.objects.filter(locale__language_code=SOURCE_LANGUAGE, depth__gt=1)
        repaired = 0
        with latin_generation_suspended():  # regenerated below, once each
            for page in pages.order_by("path").specific():
                if remove_stray_children(page):
                    repaired += 1
                    self.stdout.write(f"Removed stray form fields from “{page.title}” ({page.url})")
        sources = list(pages.live().order_by("path").specific())
        for model in get_translatable_models():
            if not issubclass(model, Page) and has_latin_version_of_its_own(model):
                sources += model.objects.filter(locale__language_code=SOURCE_LANGUAGE)
        failures = [source for source in sources if generate_and_record(source) is not None]
        self.stdout.write(
            f"Regenerated {len(sources) - len(failures)} Serbian Latin pages and snippets; "
            f"repaired {repaired} Serbian pages."
        )
        for source in failures:
            self.stderr.write(f"Could not generate the Latin version of “{source}”: see the log.")
        if failures:
            raise SystemExit(1)
