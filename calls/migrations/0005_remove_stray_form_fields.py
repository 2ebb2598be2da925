"""Remove form fields of another language from a call page.

Before Serbian Latin generation left a page's form fields to their page, saving a Serbian call's
form field generated a Latin copy of that one field and attached it to the *Serbian* page: the
Cyrillic page showed Latin labels and every Serbian application stored each answer twice. A
page's own fields share its language; the others are deleted here (their page's revisions are
cleaned, and sr-latn regenerated, by ``manage.py generate_serbian_latin``).
"""

from django.db import migrations
from django.db.models import F


def remove_stray_form_fields(apps, schema_editor):
    FormField = apps.get_model("calls", "FormField")
    FormField.objects.exclude(locale_id=F("page__locale_id")).delete()


class Migration(migrations.Migration):
    dependencies = [("calls", "0004_form_field_keys_choices_file_types_pending_uploads")]

    operations = [migrations.RunPython(remove_stray_form_fields, migrations.RunPython.noop)]
