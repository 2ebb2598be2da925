from .base import BaseIndexPage, BasePage, ListingFieldsMixin, SocialFieldsMixin, deferred
from .navigation import Footer, MainMenu
from .pages import HomePage, StandardPage
from .settings import ContactSettings
from .sharing import ShareCard
from .taxonomy import Country, GrantType, Topic

__all__ = [
    "BaseIndexPage",
    "BasePage",
    "ContactSettings",
    "Country",
    "Footer",
    "GrantType",
    "HomePage",
    "ListingFieldsMixin",
    "MainMenu",
    "ShareCard",
    "SocialFieldsMixin",
    "StandardPage",
    "Topic",
    "deferred",
]
