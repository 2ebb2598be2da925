"""The translation status dashboard: what is missing or out of date in each language."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from home.models import StandardPage
from translations.status import MISSING, OUT_OF_DATE, counts_by_language, page_rows
from translations.translators import GROUP_PREFIX

pytestmark = pytest.mark.django_db


@pytest.fixture
def about_en():
    return StandardPage.objects.get(locale__language_code="en", slug="about")


def test_freshly_seeded_site_is_fully_translated():
    for code, counts in counts_by_language().items():
        assert counts[MISSING] == 0, code
        assert counts[OUT_OF_DATE] == 0, code


def test_source_change_marks_every_translation_out_of_date(about_en):
    about_en.intro = "A new introduction."
    about_en.save_revision().publish()
    for code, counts in counts_by_language().items():
        expected = 0 if code == "sr-latn" else 1  # sr-latn follows Serbian, not English
        assert counts[OUT_OF_DATE] == expected, code
    rows = [row for row in page_rows("mk") if row.status == OUT_OF_DATE]
    assert [row.source.pk for row in rows] == [about_en.pk]


def test_unpublished_translation_counts_as_missing(about_en):
    about_en.get_translation(about_en.locale.__class__.objects.get(language_code="sq")).unpublish()
    assert counts_by_language()["sq"][MISSING] == 1


def test_translator_sees_their_language_first(client, django_user_model, about_en):
    user = django_user_model.objects.create_user("sq", "sq@wbcsp.example", "pw")
    user.groups.add(Group.objects.get(name=f"{GROUP_PREFIX}Shqip"))
    client.force_login(user)
    about_en.get_translation(about_en.locale.__class__.objects.get(language_code="sq")).unpublish()
    response = client.get(reverse("translation_status"), {"status": MISSING})
    assert response.status_code == 200
    assert response.context["language"] == "sq"
    assert [row.title for row in response.context["rows"]] == [about_en.title]
    home = client.get("/admin/").content.decode()
    assert 'id="translation-status"' in home or "translation-status" in home
    assert 'data-language="sq"' in home and 'data-language="mk"' not in home


def test_hostile_filters_fall_back(admin_client):
    response = admin_client.get(reverse("translation_status"), {"language": "<x>", "status": "zz"})
    assert response.status_code == 200
    assert response.context["language"] == "sq" and response.context["status"] is None


def test_what_needs_work_is_listed_first(admin_client, about_en):
    mk = about_en.locale.__class__.objects.get(language_code="mk")
    about_en.get_translation(mk).unpublish()
    rows = admin_client.get(reverse("translation_status"), {"language": "mk"}).context["rows"]
    assert rows[0].title == about_en.title and rows[0].status == MISSING
    assert all(row.status != MISSING for row in rows[1:])
