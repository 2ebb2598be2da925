"""The default share card of a page that has no picture of its own (see home/share_cards)."""

from django.db import models


class ShareCard(models.Model):
    """A generated 1200×630 PNG naming the section and the page's title, in the page's language.

    Made when the page is published (and by seeding); remade only when its text changes, which the
    fingerprint of that text tells. The file's name carries the fingerprint, so caches never keep
    an old card under a new address.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="share_card"
    )
    file = models.FileField(upload_to="share-cards/")
    fingerprint = models.CharField(max_length=64)
    alt_text = models.CharField(max_length=500)

    def __str__(self):
        return self.alt_text
