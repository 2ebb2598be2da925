"""The e-mail telling an admin account's owner that someone is guessing its password.

Queued on the ``mail`` queue by home.login_throttle (once per attack window); written in the
owner's admin language when they chose one, else English; plain text.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.users.models import UserProfile


def owner_language(user):
    chosen = UserProfile.get_for_user(user).preferred_language
    known = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in known else "en"


@task(queue_name="mail")
def send_attack_warning(user_id):
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return
    with translation.override(owner_language(user)):
        subject = _("Someone is trying to sign in to your account")
        body = _(
            "Hello %(name)s,\n\n"
            "Many sign-in attempts with a wrong password have been made for your account "
            "%(username)s in the last hour. They are being slowed down; you can still sign in "
            "with your password as usual.\n\n"
            "If these attempts were not yours, choose a long password you use nowhere else and "
            "tell the site's administrators.\n"
        ) % {"name": user.get_full_name() or user.get_username(), "username": user.get_username()}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
