"""PO files for outside translators: export what is out of date in a language, import it back."""

import io
import uuid
import zipfile

import polib
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from home.models import Country, HomePage, StandardPage
from translations.files import ID_HEADER, pending_translations

pytestmark = pytest.mark.django_db

MK = {
    "Grant rules": "Правила за грантови",
    "grant-rules": "pravila-za-grantovi",
    "Who may apply for a grant.": "Кој може да аплицира за грант.",
    "Applicants must be <b>registered</b> organisations.": (
        "Апликантите мора да бидат <b>регистрирани</b> организации."
    ),
}


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_superuser("po-admin", "po@wbcsp.example", "pw")


@pytest.fixture
def mk():
    return Locale.objects.get(language_code="mk")


@pytest.fixture
def page(user, mk, django_capture_on_commit_callbacks):
    """A new English page, submitted for translation into Macedonian (an untranslated copy)."""
    home = HomePage.objects.get(locale__language_code="en")
    page = StandardPage(
        title="Grant rules",
        slug="grant-rules",
        intro="Who may apply for a grant.",
        body=[("paragraph", "<p>Applicants must be <b>registered</b> organisations.</p>")],
    )
    home.add_child(instance=page)
    page.save_revision(user=user).publish()
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user, [mk]).create_translations(page)
    return page


@pytest.fixture
def translation(page, mk):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=mk)


def export(tmp_path, *args, name="mk.zip"):
    path = tmp_path / name
    call_command("export_translations", *args, "--output", str(path), stdout=io.StringIO())
    return path


def po_files(path):
    """{file name: POFile} of a zip."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: polib.pofile(archive.read(name).decode(), encoding="utf-8")
            for name in archive.namelist()
        }


def po_for(path, translation):
    [po] = [po for name, po in po_files(path).items() if str(translation.uuid) in name]
    return po


def write_zip(path, files):
    with zipfile.ZipFile(path, "w") as archive:
        for name, po in files.items():
            archive.writestr(name, str(po) if isinstance(po, polib.POFile) else po)
    return path


def fill(po, translations):
    for entry in po:
        if not entry.obsolete and entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    return po


def import_zip(path, *args, capture):
    out = io.StringIO()
    with capture(execute=True):
        call_command("import_translations", str(path), *args, stdout=out)
    return out.getvalue()


def test_round_trip_publishes_the_translation(
    tmp_path, client, page, translation, mk, django_capture_on_commit_callbacks
):
    assert translation in pending_translations(mk)
    path = export(tmp_path, "mk")
    po = po_for(path, translation)
    name = next(name for name in po_files(path) if str(translation.uuid) in name)
    assert name == f"en-grant-rules-{translation.uuid}.po"
    assert po.metadata[ID_HEADER] == str(translation.uuid)
    assert po.metadata["Language"] == "mk"
    assert {entry.msgid for entry in po} == set(MK)
    assert all(entry.msgstr == "" for entry in po)

    write_zip(tmp_path / "done.zip", {name: fill(po, MK)})
    out = import_zip(
        tmp_path / "done.zip",
        "--language",
        "mk",
        "--publish",
        capture=django_capture_on_commit_callbacks,
    )
    assert "4 strings in the file, 4 new or changed, 4/4 translated, published" in out

    target = page.get_translation(mk)
    assert target.live and target.slug == "pravila-za-grantovi"
    response = client.get(target.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Правила за грантови", "Кој може да аплицира за грант.", "<b>регистрирани</b>"):
        assert text in html
    assert "Applicants must be" not in html

    assert translation not in pending_translations(mk)
    again = export(tmp_path, "mk", name="again.zip")
    assert not again.exists() or not any(str(translation.uuid) in n for n in po_files(again))


def test_changed_source_is_pending_again_and_keeps_old_translations(
    tmp_path, client, user, page, translation, mk, django_capture_on_commit_callbacks
):
    po = fill(po_for(export(tmp_path, "mk"), translation), MK)
    write_zip(tmp_path / "first.zip", {"first.po": po})
    import_zip(tmp_path / "first.zip", "--publish", capture=django_capture_on_commit_callbacks)
    assert translation not in pending_translations(mk)

    page.refresh_from_db()
    page.intro = "Registered organisations from the region may apply."
    page.save_revision(user=user).publish()
    [pending] = [item for item in pending_translations(mk) if item.pk == translation.pk]
    assert "source changed since its strings were extracted" in pending.pending_reasons

    po = po_for(export(tmp_path, "mk", name="second.zip"), translation)
    current = {entry.msgid: entry.msgstr for entry in po if not entry.obsolete}
    assert current["Registered organisations from the region may apply."] == ""
    assert current["Grant rules"] == MK["Grant rules"]  # earlier translations are kept
    assert (
        current["Applicants must be <b>registered</b> organisations."]
        == MK["Applicants must be <b>registered</b> organisations."]
    )
    assert [e.msgid for e in po.obsolete_entries()] == ["Who may apply for a grant."]

    new_intro = "Регистрирани организации од регионот може да аплицираат."
    fill(po, {"Registered organisations from the region may apply.": new_intro})
    write_zip(tmp_path / "second-done.zip", {"second.po": po})
    import_zip(
        tmp_path / "second-done.zip",
        "--language",
        "mk",
        "--publish",
        capture=django_capture_on_commit_callbacks,
    )
    html = client.get(page.get_translation(mk).url).content.decode()
    assert new_intro in html and "Правила за грантови" in html and "<b>регистрирани</b>" in html
    assert "Кој може да аплицира" not in html
    assert translation not in pending_translations(mk)


def test_import_without_publish_only_stores_strings(
    tmp_path, page, translation, mk, django_capture_on_commit_callbacks
):
    po = fill(po_for(export(tmp_path, "mk"), translation), MK)
    out = import_zip(
        write_zip(tmp_path / "done.zip", {"a.po": po}), capture=django_capture_on_commit_callbacks
    )
    assert "not published" in out and "nothing published" in out
    assert translation.get_progress() == (4, 4)
    assert page.get_translation(mk).title == "Grant rules"  # the page waits for review
    # translated, but the Macedonian page is still the unpublished draft made on submission
    [pending] = [item for item in pending_translations(mk) if item.pk == translation.pk]
    assert pending.pending_reasons == ["translation not published"]


def test_fuzzy_entries_are_not_imported(
    tmp_path, page, translation, mk, django_capture_on_commit_callbacks
):
    po = fill(po_for(export(tmp_path, "mk"), translation), MK)
    next(entry for entry in po if entry.msgctxt == "intro").flags.append("fuzzy")
    out = import_zip(
        write_zip(tmp_path / "done.zip", {"a.po": po}), capture=django_capture_on_commit_callbacks
    )
    assert "1 entries marked fuzzy were not imported" in out
    assert translation.get_progress() == (4, 3)


def test_file_from_the_translation_editor_imports(
    tmp_path, admin_client, page, translation, mk, django_capture_on_commit_callbacks
):
    url = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    po = polib.pofile(admin_client.get(url).content.decode(), encoding="utf-8")
    fill(po, MK)
    import_zip(
        write_zip(tmp_path / "editor.zip", {"editor.po": po}),
        "--publish",
        capture=django_capture_on_commit_callbacks,
    )
    assert page.get_translation(mk).title == "Правила за грантови"


def test_single_po_file_imports(
    tmp_path, page, translation, mk, django_capture_on_commit_callbacks
):
    po = fill(po_for(export(tmp_path, "mk"), translation), MK)
    po.save(str(tmp_path / "grant-rules.po"))
    out = import_zip(
        tmp_path / "grant-rules.po", "--publish", capture=django_capture_on_commit_callbacks
    )
    assert "Imported 1 file: 4 strings" in out
    assert page.get_translation(mk).title == "Правила за грантови"


def test_file_older_than_the_source_is_imported_with_a_warning(
    tmp_path, user, page, translation, mk, django_capture_on_commit_callbacks
):
    po = fill(po_for(export(tmp_path, "mk"), translation), MK)
    page.refresh_from_db()
    page.title = "Grant rules 2027"
    page.save_revision(user=user).publish()
    out = import_zip(
        write_zip(tmp_path / "old.zip", {"old.po": po}),
        "--publish",
        capture=django_capture_on_commit_callbacks,
    )
    assert "'Grant rules' changed after this file was exported; export again" in out
    assert page.get_translation(mk).intro == MK["Who may apply for a grant."]
    assert translation in pending_translations(mk)
    po = po_for(export(tmp_path, "mk", name="new.zip"), translation)
    assert {e.msgid: e.msgstr for e in po if not e.obsolete}["Grant rules 2027"] == ""


def test_all_exports_up_to_date_translations_too(tmp_path, page, translation, mk):
    path = tmp_path / "none.zip"
    out = io.StringIO()
    call_command("export_translations", "cnr", "--output", str(path), stdout=out)
    # our page was only submitted into mk; whatever cnr holds, our page is not in it
    assert not path.exists() or all(str(translation.uuid) not in n for n in po_files(path))
    all_path = export(tmp_path, "mk", "--all", name="all.zip")
    assert str(translation.uuid) in " ".join(po_files(all_path))


def test_snippet_round_trip(tmp_path, user, mk, django_capture_on_commit_callbacks):
    country = Country.objects.create(
        locale=Locale.objects.get(language_code="en"), name="Testland", slug="testland"
    )
    TranslationCreator(user, [mk]).create_translations(country)
    translation = Translation.objects.get(source__object_id=country.translation_key)
    assert translation in pending_translations(mk)
    path = export(tmp_path, "mk")
    name = next(name for name in po_files(path) if str(translation.uuid) in name)
    assert name == f"en-testland-{translation.uuid}.po"
    po = fill(po_for(path, translation), {"Testland": "Тестленд"})
    import_zip(
        write_zip(tmp_path / "done.zip", {name: po}),
        "--publish",
        capture=django_capture_on_commit_callbacks,
    )
    assert country.get_translation(mk).name == "Тестленд"
    assert translation not in pending_translations(mk)

    country.name = "Testlandia"
    country.save()
    assert translation in pending_translations(mk)
    po = po_for(export(tmp_path, "mk", name="again.zip"), translation)
    assert [(e.msgid, e.msgstr) for e in po if not e.obsolete] == [("Testlandia", "")]


# --- Refusals and bad input ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["export_translations", "import_translations"])
def test_serbian_latin_is_refused(tmp_path, command):
    args = ["sr-latn"] if command == "export_translations" else [str(tmp_path / "x.zip")]
    if command == "import_translations":
        write_zip(tmp_path / "x.zip", {"a.po": 'msgid ""\nmsgstr ""\n'})
        args += ["--language", "sr-latn"]
    with pytest.raises(CommandError, match="generated automatically from Serbian"):
        call_command(command, *args)


def test_unknown_language_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Unknown language code 'xx'"):
        call_command("export_translations", "xx", "--output", str(tmp_path / "x.zip"))
    write_zip(tmp_path / "x.zip", {"a.po": ""})
    with pytest.raises(CommandError, match="Unknown language code 'xx'"):
        call_command("import_translations", str(tmp_path / "x.zip"), "--language", "xx")


def test_not_a_zip(tmp_path):
    path = tmp_path / "notes.zip"
    path.write_text("just some text")
    with pytest.raises(CommandError, match="not a zip archive"):
        call_command("import_translations", str(path))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_translations", str(tmp_path / "missing.zip"))


def test_empty_zip(tmp_path):
    with pytest.raises(CommandError, match="contains no .po files"):
        call_command("import_translations", str(write_zip(tmp_path / "empty.zip", {})))


def test_garbage_po_is_refused_and_nothing_is_imported(tmp_path, page, translation):
    po = fill(po_for(export(tmp_path, "mk"), translation), MK)
    path = write_zip(
        tmp_path / "mixed.zip",
        {"good.po": po, "garbage.po": "this is\nnot a PO file\n", "binary.po": b"\xff\xfe\x00"},
    )
    with pytest.raises(CommandError) as error:
        call_command("import_translations", str(path), "--publish")
    message = str(error.value)
    assert "Nothing was imported" in message
    assert "garbage.po: is not a valid PO file" in message
    assert "binary.po: is not UTF-8 text" in message
    assert "good.po" not in message
    assert translation.get_progress() == (4, 0)


def test_po_naming_a_server_file_is_not_read(tmp_path):
    with pytest.raises(CommandError, match="evil.po: is not a PO file"):
        call_command(
            "import_translations", str(write_zip(tmp_path / "x.zip", {"evil.po": "/etc/hostname"}))
        )


def test_unknown_translation_id(tmp_path, page, translation):
    po = po_for(export(tmp_path, "mk"), translation)
    other = uuid.uuid4()
    po.metadata[ID_HEADER] = str(other)
    path = write_zip(tmp_path / "foreign.zip", {"foreign.po": po})
    with pytest.raises(CommandError, match=f"foreign.po: no translation with id {other}"):
        call_command("import_translations", str(path))
    del po.metadata[ID_HEADER]
    write_zip(path, {"headless.po": po})
    with pytest.raises(CommandError, match=f"headless.po: has no {ID_HEADER} header"):
        call_command("import_translations", str(path))


def test_wrong_language_is_refused(tmp_path, page, translation):
    po = fill(po_for(export(tmp_path, "mk"), translation), MK)
    path = write_zip(tmp_path / "mk.zip", {"mk-page.po": po})
    with pytest.raises(CommandError, match="mk-page.po: is a translation into mk, not sq"):
        call_command("import_translations", str(path), "--language", "sq")
    assert not StringTranslation.objects.filter(locale__language_code="mk", data__in=MK.values())


def test_slug_without_latin_letters_is_refused(tmp_path, page, translation):
    po = fill(po_for(export(tmp_path, "mk"), translation), {**MK, "grant-rules": "правила"})
    path = write_zip(tmp_path / "slug.zip", {"slug.po": po})
    with pytest.raises(CommandError, match="slug.po: the slug 'правила' has no Latin letters"):
        call_command("import_translations", str(path), "--publish")
