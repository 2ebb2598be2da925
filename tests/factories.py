"""Page factories (wagtail-factories) for tests that need a page or two of their own.

Every test runs on the session's seeded site, so the parents are found rather than made: the
English home page and the English newsroom are looked up under their parent by slug (get or
create), and created only in a database without the demo site. ``StandardPageFactory()`` adds an
English standard page under the home page, ``NewsPageFactory(parent=newsroom("sr"))`` a news item
to the Serbian newsroom.
"""

import factory
import wagtail_factories
from wagtail.models import Page

from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage


class HomePageFactory(wagtail_factories.PageFactory):
    """The English home page (the seeded one, whose slug is ``home-en``)."""

    title = "Western Balkans Civil Society Programme"
    slug = "home-en"
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage
        django_get_or_create = ("parent", "slug")


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = factory.LazyAttribute(lambda page: f"About {page.title.lower()}.")
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    """The English newsroom (the seeded one, whose slug is ``news``)."""

    title = "News"
    slug = "news"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = NewsIndexPage
        django_get_or_create = ("parent", "slug")


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    intro = factory.LazyAttribute(lambda page: f"Lead of {page.title.lower()}.")
    parent = factory.SubFactory(NewsIndexPageFactory)
    tags = ()  # e.g. ["extra"]: saved with the page (ClusterTaggableManager)

    class Meta:
        model = NewsPage

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return cls._with_tags(model_class, kwargs)

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        page = cls._with_tags(model_class, kwargs)
        parent.add_child(instance=page)
        return page

    @staticmethod
    def _with_tags(model_class, kwargs):
        kwargs.pop("parent", None)
        tags = kwargs.pop("tags")
        page = model_class(**kwargs)
        page.tags.add(*tags)
        return page
