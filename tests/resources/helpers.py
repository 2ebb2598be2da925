"""Shared helpers for the resources tests: finding the seeded pages, adding resources."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from resources.models import CampaignPage, ResourceIndexPage, ResourcePage


def library(code="en"):
    return ResourceIndexPage.objects.get(locale__language_code=code)


def counts(response, param):
    """{option: count} of one facet as the reader sees it, from the library's context."""
    for facet in response.context["facets"]:
        if facet.name == param:
            return {option.value: option.count for option in facet.options}
    raise AssertionError(f"no facet {param}")


def titles(response):
    return [page.title for page in response.context["resources"]]


def resource(code, slug):
    return ResourcePage.objects.get(locale__language_code=code, slug=slug)


def campaign(code, slug):
    return CampaignPage.objects.get(locale__language_code=code, slug=slug)


def add_resources(index, number, **fields):
    """Add ``number`` live resources to ``index`` (one save each, no revision: fast)."""
    english = Locale.objects.get(language_code="en")
    for n in range(number):
        page = ResourcePage(
            title=f"Extra resource {n:03d}",
            slug=f"extra-resource-{n:03d}",
            resource_type=fields.get("resource_type", "guide"),
            audience=fields.get("audience", "csos"),
            level="introductory",
            publication_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
            live=True,
            first_published_at=timezone.now(),
        )
        page.languages = [english]
        index.add_child(instance=page)
