"""Training resources and campaign material. For now the library index."""

from django.utils.translation import gettext_lazy as _

from home.models import BaseIndexPage


class ResourceIndexPage(BaseIndexPage):
    """The library of training resources and campaign material of one language."""

    class Meta:
        verbose_name = _("resource library")
