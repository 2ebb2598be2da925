"""Admin hooks: keep translators to the snippets of their own language."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.models import TranslatableMixin

from home.translators import may_edit_in_language


def _refuse_other_languages(request, instances):
    for instance in instances:
        if isinstance(instance, TranslatableMixin) and not may_edit_in_language(
            request.user, instance.locale.language_code
        ):
            raise PermissionDenied


@hooks.register("before_edit_snippet", order=-100)  # before wagtail-localize's editor takes over
def refuse_editing_other_languages(request, instance):
    _refuse_other_languages(request, [instance])


@hooks.register("before_delete_snippet", order=-100)
def refuse_deleting_other_languages(request, instances):
    _refuse_other_languages(request, instances)
