"""Translator roles: one group per language, allowed to edit and publish that language only.

Pages are confined by Wagtail's page permissions on the language's own home page (each language
is its own tree). Snippets and wagtail-localize's endpoints have no per-language permission, so
translations.scope refuses a translator every admin view acting on another language.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission, Page

from translations.latin_script import GENERATED_LANGUAGE

GROUP_PREFIX = "Translators — "
PAGE_PERMISSIONS = ["add", "change", "publish"]
SNIPPET_MODELS = ["mainmenu", "footer", "country", "topic", "granttype"]
# "publish", "lock" and "unlock" exist only for snippets with drafts and locking (menu, footer).
SNIPPET_PERMISSIONS = ["change", "publish", "lock", "unlock"]


def translated_languages():
    """(code, own name) of every language translators work in: not the source, not generated."""
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code not in (settings.LANGUAGE_CODE, GENERATED_LANGUAGE)
    ]


def group_name(language_name):
    return f"{GROUP_PREFIX}{language_name}"


def ensure_translator_groups(homes):
    """Create or complete each language's translator group; ``homes`` maps code → home page."""
    snippet_permissions = list(
        Permission.objects.filter(
            content_type__app_label="home",
            codename__in=[
                f"{action}_{model}" for model in SNIPPET_MODELS for action in SNIPPET_PERMISSIONS
            ],
        )
    )
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    # To start a missing translation in their own language (translations.submission offers
    # a translator no other language).
    # wagtail-localize creates this permission in a data migration only, so a database flushed
    # since (transactional tests, a `flush`) lacks it: recreate it as that migration does.
    submit_translation, _created = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_or_create(
            app_label="wagtail_localize", model="translation"
        )[0],
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    page_type = ContentType.objects.get_for_model(Page)
    for code, name in translated_languages():
        group, _created = Group.objects.get_or_create(name=group_name(name))
        group.permissions.add(admin_access, submit_translation, *snippet_permissions)
        for action in PAGE_PERMISSIONS:
            permission = Permission.objects.get(content_type=page_type, codename=f"{action}_page")
            GroupPagePermission.objects.get_or_create(
                group=group, page=homes[code], permission=permission
            )


def translator_languages(user):
    """Language codes a translator is confined to; None for everyone else (staff, admins)."""
    if user.is_superuser:
        return None
    names = {name: code for code, name in translated_languages()}
    codes = {
        names[group.name.removeprefix(GROUP_PREFIX)]
        for group in user.groups.all()
        if group.name.startswith(GROUP_PREFIX) and group.name.removeprefix(GROUP_PREFIX) in names
    }
    return codes or None


def may_edit_in_language(user, language_code):
    languages = translator_languages(user)
    return languages is None or language_code in languages
