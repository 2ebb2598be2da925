"""Site-wide settings that editors change in the admin: contact details and social media links."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="mail")
class ContactSettings(BaseGenericSetting):
    """The programme office's contact details and social media accounts, shown in the footer."""

    email = models.EmailField(blank=True, verbose_name=_("E-mail"))
    phone = models.CharField(max_length=40, blank=True, verbose_name=_("Phone"))
    facebook_url = models.URLField(blank=True, verbose_name="Facebook")
    instagram_url = models.URLField(blank=True, verbose_name="Instagram")
    linkedin_url = models.URLField(blank=True, verbose_name="LinkedIn")
    youtube_url = models.URLField(blank=True, verbose_name="YouTube")
    x_url = models.URLField(blank=True, verbose_name="X")

    panels = [
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Programme office")),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
                FieldPanel("x_url"),
            ],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("contact details")

    def social_links(self):
        """(name, url) of each account that is set, in a fixed order."""
        fields = ["facebook_url", "instagram_url", "linkedin_url", "youtube_url", "x_url"]
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in fields
            if getattr(self, name)
        ]
