from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from translations.transliteration import serbian_to_latin


class Command(BaseCommand):
    help = "Write locale/sr_Latn from locale/sr by transliteration (Serbian Latin is never hand-translated)."

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        source = polib.pofile(str(locale_dir / "sr" / "LC_MESSAGES" / "django.po"))
        target = transliterated_catalogue(source)
        out = locale_dir / "sr_Latn" / "LC_MESSAGES" / "django.po"
        out.parent.mkdir(parents=True, exist_ok=True)
        target.save(str(out))
        self.stdout.write(f"Wrote {out} ({len(target)} messages).")


def transliterated_catalogue(source):
    """A copy of the Serbian Cyrillic catalogue with every translation in Latin script."""
    target = polib.POFile(wrapwidth=source.wrapwidth)
    target.metadata = {**source.metadata, "Language": "sr_Latn"}
    target.header = "Generated from locale/sr by `make messages`: do not edit by hand."
    for entry in source:
        copy = polib.POEntry(
            msgid=entry.msgid,
            msgid_plural=entry.msgid_plural,
            msgctxt=entry.msgctxt,
            msgstr=serbian_to_latin(entry.msgstr),
            msgstr_plural={k: serbian_to_latin(v) for k, v in entry.msgstr_plural.items()},
            occurrences=entry.occurrences,
            flags=list(entry.flags),
            comment=entry.comment,
        )
        target.append(copy)
    return target
