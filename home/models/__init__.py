from .base import BaseIndexPage, BasePage, ListingFieldsMixin, SocialFieldsMixin
from .navigation import Footer, MainMenu
from .pages import HomePage, StandardPage
from .taxonomy import Country, GrantType, Topic

__all__ = [
    "BaseIndexPage",
    "BasePage",
    "Country",
    "Footer",
    "GrantType",
    "HomePage",
    "ListingFieldsMixin",
    "MainMenu",
    "SocialFieldsMixin",
    "StandardPage",
    "Topic",
]
