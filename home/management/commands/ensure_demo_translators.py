"""One demo translator per language for the development site, so the translation workflow can be
tried at once after `make run` (refuses unless DEBUG is on, like ensure_dev_admin)."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from wagtail.users.models import UserProfile

from translations.translators import group_name, translated_languages


def demo_login(language_code):
    """Username and password of the demo translator of a language (development only)."""
    name = f"translator-{language_code}"
    return name, name


class Command(BaseCommand):
    help = (
        "Create one demo translator per language (translator-sq / translator-sq, …), each in "
        "their language's translator group with the admin in their language (DEBUG only)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_demo_translators only runs with development settings (DEBUG on)."
            )
        user_model = get_user_model()
        host = os.environ.get("HOST") or "127.0.0.1"
        port = os.environ.get("PORT") or "8000"
        lines = []
        for code, name in translated_languages():
            group = Group.objects.filter(name=group_name(name)).first()
            if group is None:
                self.stderr.write(f"No translator group for {name}: seed the site first.")
                continue
            username, password = demo_login(code)
            user = user_model.objects.filter(username=username).first()
            if user is None:
                user = user_model.objects.create_user(
                    username, f"{username}@wbcsp.example", password, first_name=name
                )
            user.groups.add(group)
            profile = UserProfile.get_for_user(user)
            if not profile.preferred_language:
                profile.preferred_language = code  # the admin speaks the translator's language
                profile.save(update_fields=["preferred_language"])
            lines.append(f"  {name:<12} user: {username:<16} password: {password}")
        if lines:
            self.stdout.write(f"Demo translators (http://{host}:{port}/admin/):")
            self.stdout.write("\n".join(lines))
