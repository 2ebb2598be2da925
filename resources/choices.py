"""The fixed vocabularies of the library: types, audiences, levels, licences, kinds of material.

Their keys are stable across languages, so they double as facet values in addresses.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from home.languages import language_name_for_reader

RESOURCE_TYPES = [
    ("training-module", _("Training module")),
    ("guide", _("Guide")),
    ("toolkit", _("Toolkit")),
    ("template", _("Template")),
    ("report", _("Report")),
    ("video", _("Video")),
    ("webinar", _("Webinar recording")),
]
# Material that teaches (JSON-LD LearningResource); reports are plain CreativeWork.
TRAINING_TYPES = {"training-module", "guide", "toolkit", "template", "video", "webinar"}

AUDIENCES = [
    ("csos", _("Civil-society organisations")),
    ("citizens", _("Citizens")),
    ("media", _("Media")),
    ("local-government", _("Local government")),
]

LEVELS = [("introductory", _("Introductory")), ("advanced", _("Advanced"))]

LICENCES = [
    ("cc-by-4.0", "CC BY 4.0"),
    ("cc-by-sa-4.0", "CC BY-SA 4.0"),
    ("cc-by-nc-4.0", "CC BY-NC 4.0"),
    ("all-rights-reserved", _("All rights reserved")),
]
LICENCE_INFO = {
    "cc-by-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "cc-by-sa-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "cc-by-nc-4.0": ("CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"),
    "all-rights-reserved": (_("All rights reserved"), ""),
}

MATERIAL_KINDS = [
    ("poster", _("Posters")),
    ("social-media", _("Social-media cards")),
    ("video", _("Video")),
    ("press-kit", _("Press kit")),
    ("logo", _("Logos")),
]


# One item of each kind, for a file's label ("Poster: Shared society").
MATERIAL_KIND_ONE = {
    "poster": _("Poster"),
    "social-media": _("Social-media card"),
    "video": _("Video"),
    "press-kit": _("Press kit"),
    "logo": _("Logo"),
}


def language_name(code):
    """A file's language named in the reader's language ("serbisht (cirilike)" in Albanian), or
    "Any language" for language-neutral files."""
    if not code:
        return _("Any language")
    return language_name_for_reader(code)


def language_order(code):
    codes = [c for c, _name in settings.LANGUAGES]
    return codes.index(code) if code in codes else len(codes)
