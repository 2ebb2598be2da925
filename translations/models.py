"""What the translation workflow records of its own: Serbian Latin versions that could not be
generated, so that editors see them (a message on publish, a row on the status screen with a
retry) instead of a line in a log nobody reads."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class LatinScriptFailure(models.Model):
    """The last failed attempt to generate the sr-latn version of a Serbian page or snippet.

    One row per source (its model and translation key); removed when a later attempt succeeds.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    translation_key = models.UUIDField()
    error = models.TextField(verbose_name=_("Error"))
    attempts = models.PositiveIntegerField(default=1)
    failed_at = models.DateTimeField(auto_now=True, verbose_name=_("Failed at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "translation_key"], name="one_latin_failure_per_source"
            )
        ]
        verbose_name = _("Serbian Latin failure")
        verbose_name_plural = _("Serbian Latin failures")

    def __str__(self):
        return f"{self.content_type} {self.translation_key}: {self.error[:80]}"
