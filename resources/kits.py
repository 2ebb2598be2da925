"""Campaign kits: the material of a campaign grouped by kind, and "download all" zip files.

A kit's zip for one language holds that language's files and the language-neutral ones (logos).
It is built the first time it is asked for and kept in the default storage under a name derived
from the documents' ids and content hashes: when an editor replaces a file, the name changes and a
fresh zip is built; otherwise every download streams the stored file. Files are stored, not
deflated: PDFs and PNGs are already compressed, and storing keeps building a large kit I/O-bound
(fast) rather than CPU-bound.

A service: it takes campaign pages and their material as arguments and never imports the models
or the tasks (the page passes the background build in).
"""

import hashlib
import shutil
import tempfile
import zipfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse

from . import choices
from .reader_order import reader_first

KIT_DIRECTORY = "campaign-kits"
# Kits up to this size are built during the request if not stored yet (well under a second);
# larger ones are left to the background task, which also runs whenever a campaign is published.
INLINE_BUILD_LIMIT = 16 * 1024 * 1024


def materials_by_kind(materials, reader_language=None):
    """[(kind label, [material, …]), …] in the order kinds are listed in ``MATERIAL_KINDS``,
    each kind's material in the reader's order (``reader_order.reader_first``)."""
    grouped = []
    for kind, label in choices.MATERIAL_KINDS:
        items = reader_first([m for m in materials if m.kind == kind], reader_language)
        if items:
            grouped.append((label, items))
    return grouped


def kit_languages(materials):
    """Languages with their own material in the kit, in the site's language order."""
    codes = {material.language for material in materials if material.language}
    return sorted(codes, key=choices.language_order)


def kit_materials(campaign, language):
    """The kit's material for ``language``: that language's files and the language-neutral ones."""
    return [
        material
        for material in campaign.materials.select_related("document").order_by("sort_order", "pk")
        if material.language in (language, "")
    ]


def archive_name(material):
    """Where a file goes inside the zip: a folder per kind, the document's own file name."""
    return f"{material.kind}/{material.document.filename}"


def kit_storage_name(campaign, language, materials):
    fingerprint = hashlib.sha256(f"{campaign.pk}:{language}".encode())
    for material in materials:
        document = material.document
        fingerprint.update(
            f"|{document.pk}:{document.get_file_hash()}:{archive_name(material)}".encode()
        )
    return f"{KIT_DIRECTORY}/{campaign.slug}-{language}-{fingerprint.hexdigest()[:20]}.zip"


def build_kit(materials):
    """A temporary file holding the zip of ``materials`` (the caller closes it)."""
    archive = tempfile.TemporaryFile()  # noqa: SIM115 (returned open; the caller closes it)
    seen = set()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as kit:
        for material in materials:
            name = archive_name(material)
            if name in seen:  # the same document listed twice goes in once
                continue
            seen.add(name)
            with (
                material.document.file.open("rb") as source,
                kit.open(name, "w", force_zip64=True) as target,
            ):
                shutil.copyfileobj(source, target, 1024 * 1024)
    archive.seek(0)
    return archive


def _materials_or_404(campaign, language):
    materials = kit_materials(campaign, language)
    if not any(material.language == language for material in materials):
        raise Http404("This campaign has no material in that language.")
    return materials


def ensure_kit(campaign, language):
    """The storage name of the kit's zip for ``language``, building it if it is not stored yet."""
    materials = _materials_or_404(campaign, language)
    name = kit_storage_name(campaign, language, materials)
    if not default_storage.exists(name):
        with build_kit(materials) as archive:
            stored = default_storage.save(name, File(archive, name=name.rsplit("/", 1)[-1]))
        if stored != name:  # a concurrent request stored it first: keep one copy
            default_storage.delete(stored)
    return name


def kit_response(request, campaign, language, enqueue_build):
    """The stored zip; a small kit is built on the spot, a large one by the background task.

    ``enqueue_build(page_id)`` queues building the campaign's kits (the immediate backend runs it
    at once).
    """
    materials = _materials_or_404(campaign, language)
    name = kit_storage_name(campaign, language, materials)
    if not default_storage.exists(name):
        size = sum(material.document.file_size or 0 for material in materials)
        if size <= INLINE_BUILD_LIMIT:
            ensure_kit(campaign, language)
        else:
            enqueue_build(campaign.pk)
            if not default_storage.exists(name):
                return _being_prepared(request, campaign)
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=f"{campaign.slug}-{language}.zip",
        content_type="application/zip",
    )


def _being_prepared(request, campaign):
    """503 with Retry-After: the worker is still zipping a large kit; files remain downloadable."""
    response = TemplateResponse(
        request, "resources/kit_being_prepared.html", {"page": campaign}, status=503
    )
    response["Retry-After"] = "60"
    return response
