from collections import Counter

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail_localize.models import Translation

from translations.adoption import adopt_all, pending_sync_changes
from translations.latin_script import GENERATED_LANGUAGE


class Command(BaseCommand):
    help = (
        "Record translations made outside wagtail-localize (e.g. by the seed) in wagtail-localize, "
        "so that syncing from English keeps their text. Items already tracked are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            metavar="CODE",
            help="Only this target language (repeatable). Default: all but English and sr-latn.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be recorded; change nothing."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Afterwards, list the fields that syncing each tracked translation would change.",
        )

    def handle(self, *args, languages=None, dry_run=False, check=False, **options):
        with transaction.atomic():
            report = adopt_all(languages)
            for line in report.lines():
                self.stdout.write(line)
            if options["verbosity"] > 1:
                for language, item, path, reason in report.details:
                    self.stdout.write(f"  {language} {item} {path}: {reason}")
            if check:
                self._check(languages)
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write("Dry run: nothing was recorded.")
            else:
                adopted = report.total("adopted")
                self.stdout.write(f"Recorded {adopted} translations.")

    def _check(self, languages):
        changes = Counter()
        translations = Translation.objects.filter(enabled=True).exclude(
            target_locale__language_code=GENERATED_LANGUAGE
        )
        if languages:
            translations = translations.filter(target_locale__language_code__in=languages)
        for translation in translations.select_related("source__specific_content_type"):
            for name in pending_sync_changes(translation):
                model = translation.source.specific_content_type.model_class().__name__
                changes[(translation.target_locale.language_code, model, name)] += 1
        if not changes:
            self.stdout.write("A sync now would change nothing in the tracked translations.")
        for (language, model, name), count in sorted(changes.items()):
            self.stdout.write(f"A sync would change {model}.{name} in {count} {language} items.")
