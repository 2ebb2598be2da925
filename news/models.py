"""News and success stories. For now the section index; articles and stories come next."""

from django.utils.translation import gettext_lazy as _

from home.models import BaseIndexPage


class NewsIndexPage(BaseIndexPage):
    """The newsroom of one language: lists news and success stories."""

    class Meta:
        verbose_name = _("news index")
