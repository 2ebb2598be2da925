from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from translations.files import TranslationFileError, export_bytes, get_locale


class Command(BaseCommand):
    help = (
        "Export the translations into one language as a zip of PO files for outside translators: "
        "by default only those out of date (untranslated strings, or a source changed since)."
    )

    def add_arguments(self, parser):
        parser.add_argument("language_code", help="the language to translate into, e.g. mk")
        parser.add_argument(
            "--output", help="the zip to write (default: translations-<code>-<date>.zip)"
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="export every translation into the language, not only those out of date",
        )

    def handle(self, *args, language_code, output=None, all=False, **options):
        try:
            locale = get_locale(language_code)
            data, report = export_bytes(locale, only_pending=not all)
        except TranslationFileError as error:
            raise CommandError(str(error)) from None
        which = "translation" if all else "out-of-date translation"
        if not report.files:
            self.stdout.write(f"No {which}s into {locale.language_code}: nothing exported.")
            return
        path = Path(
            output or f"translations-{locale.language_code}-{timezone.now():%Y%m%d-%H%M}.zip"
        )
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror or error}.") from None
        for title in report.refreshed:
            self.stdout.write(f"Re-extracted the changed source strings of {title!r}.")
        for item in report.files:
            why = f" ({'; '.join(item.reasons)})" if item.reasons else ""
            self.stdout.write(
                f"  {item.name}: {item.title!r}, {item.translated}/{item.total} strings "
                f"translated{why}"
            )
        self.stdout.write(
            f"Exported {len(report.files)} {which}{'' if len(report.files) == 1 else 's'} into "
            f"{locale.language_code} "
            f"({report.strings} strings, {report.untranslated} untranslated) to {path}."
        )
