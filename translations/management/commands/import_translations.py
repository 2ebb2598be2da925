import io
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translations.files import TranslationFileError, get_locale, import_zip


class Command(BaseCommand):
    help = (
        "Import a zip of PO files made by export_translations (and filled in by translators) "
        "back into wagtail-localize; with --publish, publish the translated pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the zip of PO files (or a single .po file)")
        parser.add_argument(
            "--language", help="refuse files for any other language than this one, e.g. mk"
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish each translation after importing it (default: only store the strings "
            "for review in the translation editor)",
        )

    def handle(self, *args, path, language=None, publish=False, **options):
        path = Path(path)
        if not path.is_file():
            raise CommandError(f"{path} does not exist or is not a file.")
        try:
            locale = get_locale(language) if language else None
            if path.suffix.lower() == ".po":  # a single file: as if zipped on its own
                fileobj = io.BytesIO()
                with zipfile.ZipFile(fileobj, "w") as archive:
                    archive.write(path, path.name)
            else:
                fileobj = path.open("rb")
            with fileobj:
                report = import_zip(fileobj, locale=locale, publish=publish)
        except TranslationFileError as error:
            raise CommandError(f"{path}: {error}") from None
        for item in report.files:
            state = "published" if item.published else "not published"
            self.stdout.write(
                f"  {item.name}: {item.title!r} in {item.translation.target_locale.language_code}, "
                f"{item.strings} strings in the file, {item.changed} new or changed, "
                f"{item.translated}/{item.total} translated, {state}"
            )
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        self.stdout.write(
            f"Imported {len(report.files)} file{'' if len(report.files) == 1 else 's'}: "
            f"{report.strings} strings, "
            f"{report.changed} new or changed"
            + (", translations published." if publish else "; nothing published (use --publish).")
        )
