from django.core.management.base import BaseCommand
from wagtail.models import Page, TranslatableMixin, get_translatable_models

from translations.latin_script import SOURCE_LANGUAGE, generate_latin_version


class Command(BaseCommand):
    help = "Regenerate every sr-latn page and snippet from its Serbian Cyrillic source."

    def handle(self, *args, **options):
        count = 0
        pages = Page.objects.live().filter(locale__language_code=SOURCE_LANGUAGE, depth__gt=1)
        for page in pages.order_by("path").specific():
            generate_latin_version(page)
            count += 1
        for model in get_translatable_models():
            if issubclass(model, Page) or not issubclass(model, TranslatableMixin):
                continue
            for item in model.objects.filter(locale__language_code=SOURCE_LANGUAGE):
                generate_latin_version(item)
                count += 1
        self.stdout.write(f"Regenerated {count} Serbian Latin pages and snippets.")
