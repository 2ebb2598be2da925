import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"  # development only: the command refuses to run unless DEBUG is on


class Command(BaseCommand):
    help = "Create a development superuser admin/admin (refuses unless DEBUG is on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin only runs with development settings (DEBUG on).")
        user_model = get_user_model()
        if not user_model.objects.filter(username=USERNAME).exists():
            user_model.objects.create_superuser(USERNAME, "admin@wbcsp.example", PASSWORD)
        host = os.environ.get("HOST") or "127.0.0.1"
        port = os.environ.get("PORT") or "8000"
        self.stdout.write(
            f"Development admin: http://{host}:{port}/admin/  user: {USERNAME}  password: {PASSWORD}"
        )
