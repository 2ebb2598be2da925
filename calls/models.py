"""Calls for proposals. For now the section index; call pages and applications come next."""

from django.utils.translation import gettext_lazy as _

from home.models import BaseIndexPage


class CallIndexPage(BaseIndexPage):
    """The calls for proposals of one language."""

    class Meta:
        verbose_name = _("calls index")
