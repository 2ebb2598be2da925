"""PO files for outside translators: export what is out of date in a language, import it back.

Each file is wagtail-localize's own per-translation PO (``Translation.export_po()``, the same
file the translation editor downloads), so a file can equally be uploaded in the editor. Its
``X-WagtailLocalize-TranslationID`` header names the translation it belongs to; the file name
(``<source language>-<slug or model>-<translation uuid>.po``) is only for people.

A translation is *pending* (out of date) when any of these holds:

* its source changed after wagtail-localize last extracted the source's strings: a page
  published after ``TranslationSource.last_updated_at`` (snippets have no publication date:
  their current content differs from ``TranslationSource.content_json``). The export then
  re-extracts the strings (``TranslationSource.update_from_db()``, what the editor's "Sync
  translated pages" does) so that the file holds the new text;
* some of its strings have no translation (``Translation.get_progress()``);
* the translated page does not exist, is not live, or was last published before the source page
  was (the translation status dashboard's "out of date"); for a snippet, it was last saved from
  wagtail-localize (``TranslationLog``) before its source's strings were last extracted.

Strings imported without publishing do not by themselves make a translation pending: they are
translated, and wait in the translation editor for review and publication.

Serbian Latin is generated from Serbian and never translated by hand: it is refused here.
"""

import io
import json
import os
import re
import uuid
import zipfile
from dataclasses import dataclass, field

import polib
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringNotUsedInContext,
    StringTranslation,
    Translation,
    TranslationLog,
    UnknownContext,
    UnknownString,
)

from translations.adoption import source_content_json
from translations.latin_script import GENERATED_LANGUAGE, SOURCE_LANGUAGE

ID_HEADER = "X-WagtailLocalize-TranslationID"
TOOL_NAME = "PO file"
SLUG_CONTEXT = "slug"  # wagtail-localize's msgctxt for a page's slug
MAX_PO_BYTES = 20 * 1024 * 1024  # far above any page; stops a zip bomb from filling memory


class TranslationFileError(Exception):
    """A problem with a translation file or request, worded for the person running the command."""


def get_locale(language):
    """The Locale of a language code (or a Locale); refuses unknown codes and Serbian Latin."""
    if isinstance(language, Locale):
        locale = language
    else:
        try:
            locale = Locale.objects.get(language_code=language)
        except Locale.DoesNotExist:
            known = ", ".join(Locale.objects.order_by("pk").values_list("language_code", flat=True))
            raise TranslationFileError(
                f"Unknown language code {language!r}; the site's languages are: {known}."
            ) from None
    if locale.language_code == GENERATED_LANGUAGE:
        raise TranslationFileError(
            f"{GENERATED_LANGUAGE} (Serbian Latin) is generated automatically from Serbian "
            f"({SOURCE_LANGUAGE}) and is never translated by hand: "
            f"export and import {SOURCE_LANGUAGE} instead."
        )
    return locale


# --- What is out of date ---------------------------------------------------------------------


def source_changed(source, instance):
    """Whether ``instance`` (the live source object) changed after ``source`` extracted its strings."""
    if isinstance(instance, Page):
        return bool(
            instance.last_published_at and instance.last_published_at > source.last_updated_at
        )
    return json.loads(source_content_json(instance)) != json.loads(source.content_json)


def _source_instance(translation):
    try:
        instance = translation.source.get_source_instance()
    except ObjectDoesNotExist:
        return None
    return instance.specific if isinstance(instance, Page) else instance


def _target_instance(translation):
    try:
        return translation.get_target_instance()
    except ObjectDoesNotExist:
        return None


def pending_reasons(translation, instance=None):
    """Why ``translation`` needs work (an empty list when it is up to date; None if its source is gone)."""
    instance = instance or _source_instance(translation)
    if instance is None:
        return None
    source = translation.source
    reasons = []
    if source_changed(source, instance):
        reasons.append("source changed since its strings were extracted")
    total, done = translation.get_progress()
    if done < total:
        reasons.append(f"{total - done} of {total} strings untranslated")
    target = _target_instance(translation)
    if target is None:
        reasons.append("translation not created yet")
    elif isinstance(target, Page):
        # As on the translation status dashboard: published before the source's last publication.
        if not target.live:
            if instance.live:
                reasons.append("translation not published")
        elif instance.last_published_at and (
            target.last_published_at is None
            or target.last_published_at < instance.last_published_at
        ):
            reasons.append("translation published before the source changed")
    else:
        synced = TranslationLog.objects.filter(
            source=source, locale_id=translation.target_locale_id
        ).aggregate(at=Max("created_at"))["at"]
        if synced is not None and synced < source.last_updated_at:
            reasons.append("translation not updated since the source changed")
    return reasons


def _translations_into(locale):
    return (
        Translation.objects.filter(target_locale=locale, enabled=True)
        .select_related(
            "source", "source__locale", "source__specific_content_type", "target_locale"
        )
        .order_by("source__object_repr", "pk")
    )


def pending_translations(locale):
    """The enabled wagtail-localize Translations into ``locale`` that need work.

    Each has a ``pending_reasons`` attribute: a list of short phrases saying why.
    """
    locale = get_locale(locale)
    pending = []
    for translation in _translations_into(locale):
        reasons = pending_reasons(translation)
        if reasons:
            translation.pending_reasons = reasons
            pending.append(translation)
    return pending


# --- Export ----------------------------------------------------------------------------------


@dataclass
class ExportedFile:
    name: str
    translation: Translation
    title: str
    total: int
    translated: int
    reasons: list = field(default_factory=list)


@dataclass
class ExportReport:
    locale: Locale
    files: list = field(default_factory=list)
    refreshed: list = field(default_factory=list)  # titles whose source strings were re-extracted

    @property
    def strings(self):
        return sum(item.total for item in self.files)

    @property
    def untranslated(self):
        return sum(item.total - item.translated for item in self.files)


def file_name(translation, instance):
    """``<source language>-<slug or model>-<translation uuid>.po``"""
    label = (
        slugify(getattr(instance, "slug", "") or "")
        or translation.source.specific_content_type.model
    )
    return f"{translation.source.locale.language_code}-{label}-{translation.uuid}.po"


def _language_name(locale):
    return f"{locale.get_display_name() or locale.language_code} ({locale.language_code})"


def _export_po(translation, instance):
    po = translation.export_po()
    target = translation.target_locale
    po.metadata.update(
        {
            "Project-Id-Version": translation.source.object_repr,
            # wagtail-localize writes str(datetime); gettext tools expect this form
            "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
            "Language": target.language_code,
            "X-Source-Language": translation.source.locale.language_code,
            "Content-Transfer-Encoding": "8bit",
        }
    )
    url = instance.get_url() if isinstance(instance, Page) else None
    lines = [
        f"{translation.source.specific_content_type.name.capitalize()} "
        f'"{translation.source.object_repr}"{f" ({url})" if url else ""}, '
        f"from {_language_name(translation.source.locale)} into {_language_name(target)}.",
        "Write the translation of each msgid in its msgstr; leave msgid, msgctxt and the header "
        f"(above all {ID_HEADER}) unchanged.",
    ]
    if any(entry.msgctxt == SLUG_CONTEXT for entry in po):
        lines.append(
            'The "slug" entry is the last part of the web address: Latin letters, digits and '
            "hyphens only (e.g. a transliteration); leave it empty to keep the source's."
        )
    if po.obsolete_entries():
        lines.append("Entries marked #~ are earlier texts and their translations, for reference.")
    po.header = "\n".join(lines)
    return po


@transaction.atomic
def export_zip(locale, fileobj, only_pending=True):
    """Write one PO file per translation into ``locale`` to the zip ``fileobj``.

    With ``only_pending`` (the default) only translations that are out of date are written.
    Sources changed since their strings were extracted are re-extracted first.
    """
    locale = get_locale(locale)
    report = ExportReport(locale)
    with zipfile.ZipFile(fileobj, "w", zipfile.ZIP_DEFLATED) as archive:
        for translation in _translations_into(locale):
            instance = _source_instance(translation)
            if instance is None:
                continue  # the source was deleted: nothing left to translate
            reasons = pending_reasons(translation, instance)
            if only_pending and not reasons:
                continue
            if source_changed(translation.source, instance):
                translation.source.update_from_db()  # what "Sync translated pages" does
                report.refreshed.append(translation.source.object_repr)
            total, done = translation.get_progress()
            name = file_name(translation, instance)
            archive.writestr(name, str(_export_po(translation, instance)).encode())
            report.files.append(
                ExportedFile(
                    name, translation, translation.source.object_repr, total, done, reasons
                )
            )
    return report


# --- Import ----------------------------------------------------------------------------------


@dataclass
class ImportedFile:
    name: str
    translation: Translation
    title: str
    strings: int  # entries with a translation in the file
    changed: int  # translations created or changed by the import
    total: int  # after the import: strings of the source…
    translated: int  # …and how many of them are translated
    published: bool = False


@dataclass
class ImportReport:
    files: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def strings(self):
        return sum(item.strings for item in self.files)

    @property
    def changed(self):
        return sum(item.changed for item in self.files)


def _decode(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    match = re.search(rb"charset=([A-Za-z0-9._-]+)", data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    raise ValueError("is not UTF-8 text")


def parse_po(data):
    """A polib POFile from bytes; ValueError with a short reason if it is not a PO file."""
    text = _decode(data)
    # polib.pofile() takes a file name *or* contents: contents naming an existing file would
    # make it read that file, so such "contents" are refused before polib sees them.
    if os.path.isfile(text) or os.path.exists(text.strip()):
        raise ValueError("is not a PO file")
    try:
        return polib.pofile(text, encoding="utf-8")
    except (OSError, ValueError, UnicodeError) as error:
        raise ValueError(f"is not a valid PO file ({error})") from None


def _read_archive(fileobj):
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise TranslationFileError("The file is not a zip archive.") from None
    return archive


def _is_po_member(info):
    base = os.path.basename(info.filename)
    return (
        base.lower().endswith(".po")
        and not base.startswith("._")  # macOS resource forks
        and not info.filename.startswith("__MACOSX/")
    )


def _translation_for(po, locale, name):
    """The Translation a parsed PO file belongs to; TranslationFileError naming the file if none."""
    value = po.metadata.get(ID_HEADER, "").strip()
    if not value:
        raise TranslationFileError(
            f"{name}: has no {ID_HEADER} header, so it is not a file exported from this site "
            "(or its header was removed)."
        )
    try:
        translation_id = uuid.UUID(value)
    except ValueError:
        raise TranslationFileError(f"{name}: {ID_HEADER} {value!r} is not a valid id.") from None
    translation = (
        Translation.objects.filter(uuid=translation_id)
        .select_related("source", "source__locale", "target_locale")
        .first()
    )
    if translation is None:
        raise TranslationFileError(
            f"{name}: no translation with id {translation_id} on this site "
            "(it was exported from another site, or the translation was deleted)."
        )
    code = translation.target_locale.language_code
    if code == GENERATED_LANGUAGE:
        raise TranslationFileError(
            f"{name}: is for {GENERATED_LANGUAGE}, which is generated from {SOURCE_LANGUAGE} "
            "and never imported."
        )
    if locale is not None and translation.target_locale_id != locale.pk:
        raise TranslationFileError(
            f"{name}: is a translation into {code}, not {locale.language_code}."
        )
    if not translation.enabled:
        raise TranslationFileError(
            f"{name}: the {code} translation of {translation.source.object_repr!r} is no longer "
            "synchronised with its source (it was converted to manual editing in Wagtail)."
        )
    if _source_instance(translation) is None:
        raise TranslationFileError(
            f"{name}: the source of {translation.source.object_repr!r} has been deleted."
        )
    return translation


def _check_slug(po, name, warnings):
    """wagtail-localize slugifies a translated slug to ASCII: one with no Latin letters is lost."""
    for entry in po:
        if entry.obsolete or entry.msgctxt != SLUG_CONTEXT or not entry.msgstr:
            continue
        slug = slugify(entry.msgstr)
        if not slug:
            raise TranslationFileError(
                f"{name}: the slug {entry.msgstr!r} has no Latin letters or digits; a web address "
                "needs them (write it transliterated, or leave it empty to keep the source's)."
            )
        if slug != entry.msgstr:
            warnings.append(f"{name}: the slug {entry.msgstr!r} will be saved as {slug!r}")


def _warning_text(name, warning):
    if isinstance(warning, UnknownString):
        return (
            f"{name}: entry {warning.index + 1}: text not found in the source: {warning.string!r}"
        )
    if isinstance(warning, UnknownContext):
        return f"{name}: entry {warning.index + 1}: unknown msgctxt {warning.context!r}"
    if isinstance(warning, StringNotUsedInContext):
        return (
            f"{name}: entry {warning.index + 1}: {warning.string!r} is no longer used at "
            f"{warning.context!r} (the source changed since the export)"
        )
    return f"{name}: {warning!r}"


def _translations_snapshot(translation):
    return dict(
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id, locale=translation.target_locale
        ).values_list("pk", "data")
    )


def import_zip(fileobj, locale=None, user=None, publish=False):
    """Import a zip of PO files made by ``export_zip`` (or single files from the editor).

    Every file is checked before anything is imported: a zip with any bad file changes nothing.
    With ``publish`` each translation is saved and published (and its report entry says so);
    without it the strings only go into wagtail-localize, where the translation editor shows
    them for review and publication.
    """
    locale = get_locale(locale) if locale is not None else None
    with _read_archive(fileobj) as archive:
        files, report = _read_files(archive, locale)
    with transaction.atomic():
        for name, po, translation in files:
            report.files.append(_import_one(name, po, translation, user, publish, report.warnings))
    return report


def _read_files(archive, locale):
    """[(name, POFile, Translation)] of every PO in the archive, and a report with its warnings."""
    report = ImportReport()
    members = [info for info in archive.infolist() if not info.is_dir()]
    for info in members:
        if not _is_po_member(info):
            report.warnings.append(f"{info.filename}: ignored, not a .po file")
    members = [info for info in members if _is_po_member(info)]
    if not members:
        raise TranslationFileError("The zip archive contains no .po files.")

    errors, files, seen = [], [], {}
    for info in members:
        name = info.filename
        try:
            if info.file_size > MAX_PO_BYTES:
                raise TranslationFileError(
                    f"{name}: too large for a PO file ({info.file_size} bytes)."
                )
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError) as error:
                raise TranslationFileError(
                    f"{name}: cannot be read from the zip ({error})."
                ) from None
            try:
                po = parse_po(data)
            except ValueError as error:
                raise TranslationFileError(f"{name}: {error}.") from None
            translation = _translation_for(po, locale, name)
            _check_slug(po, name, report.warnings)
            if translation.pk in seen:
                raise TranslationFileError(
                    f"{name}: is for the same translation as {seen[translation.pk]}."
                )
            seen[translation.pk] = name
            files.append((name, po, translation))
        except TranslationFileError as error:
            errors.append(str(error))
    if errors:
        raise TranslationFileError(
            "Nothing was imported; fix these files and try again:\n  " + "\n  ".join(errors)
        )
    return files, report


def _import_one(name, po, translation, user, publish, warnings):
    fuzzy = [entry for entry in po if "fuzzy" in entry.flags and entry.msgstr]
    for entry in fuzzy:
        po.remove(entry)  # gettext's rule: a fuzzy translation is a guess, not a translation
    if fuzzy:
        warnings.append(f"{name}: {len(fuzzy)} entries marked fuzzy were not imported")
    before = _translations_snapshot(translation)
    for warning in translation.import_po(po, user=user, tool_name=TOOL_NAME):
        warnings.append(_warning_text(name, warning))
    after = _translations_snapshot(translation)
    changed = sum(1 for pk, data in after.items() if before.get(pk) != data)
    strings = sum(1 for entry in po if entry.msgstr and not entry.obsolete)
    published = False
    if publish:
        try:
            translation.save_target(user=user, publish=True)
        except ValidationError as error:
            raise TranslationFileError(
                f"{name}: the {translation.target_locale.language_code} version of "
                f"{translation.source.object_repr!r} cannot be saved: {'; '.join(error.messages)}; "
                "nothing was imported."
            ) from None
        published = True
    instance = _source_instance(translation)
    if instance is not None and source_changed(translation.source, instance):
        warnings.append(
            f"{name}: {translation.source.object_repr!r} changed after this file was exported; "
            "export again to translate the new text"
        )
    total, done = translation.get_progress()
    return ImportedFile(
        name, translation, translation.source.object_repr, strings, changed, total, done, published
    )


def export_bytes(locale, only_pending=True):
    """``export_zip`` into memory: (zip bytes, report)."""
    buffer = io.BytesIO()
    report = export_zip(locale, buffer, only_pending=only_pending)
    return buffer.getvalue(), report
