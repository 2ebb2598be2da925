"""What the demo library holds, independent of language: facets of each resource, campaign kits.

The texts of each language are in ``demo_content/<code>.json``; the sample files in ``demo_files/``.
Pure data (no Django imports) so that ``demo_files/make_demo_files.py`` can read it too.
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONTENT_DIR = HERE / "demo_content"
FILES_DIR = HERE / "demo_files"
SOURCE_LANGUAGES = ["en", "sq", "bs", "hr", "sr", "mk", "cnr"]  # sr-latn is generated from sr
LANGUAGE_NAMES = {
    "en": "English", "sq": "Shqip", "bs": "Bosanski", "hr": "Hrvatski", "sr": "Српски",
    "sr-latn": "Srpski", "mk": "Македонски", "cnr": "Crnogorski",
}  # fmt: skip

# key: type, topics, countries, audience, level, languages of the material, date, length, licence
RESOURCES = {
    "advocacy-guide": {
        "type": "guide", "topics": ["citizen-participation", "local-democracy"],
        "countries": ["bosnia-and-herzegovina", "regional"], "audience": "csos", "level": "introductory",
        "languages": ["en", "bs", "hr", "sr"], "date": "2026-09-15", "length": "32", "licence": "cc-by-4.0",
    },
    "advocacy-module": {
        "type": "training-module", "topics": ["citizen-participation"], "countries": ["serbia", "montenegro"],
        "audience": "csos", "level": "advanced", "languages": ["en", "sr", "cnr"], "date": "2026-06-02",
        "length": "270", "licence": "cc-by-sa-4.0",
    },
    "anti-corruption-toolkit": {
        "type": "toolkit", "topics": ["anti-corruption"], "countries": ["albania", "kosovo"], "audience": "csos",
        "level": "advanced", "languages": ["en", "sq"], "date": "2026-04-20", "length": "48",
        "licence": "cc-by-4.0",
    },
    "budget-template": {
        "type": "template", "topics": ["governance"], "countries": ["regional"], "audience": "csos",
        "level": "introductory", "languages": ["en", "sq", "bs", "hr", "sr", "mk", "cnr"],
        "date": "2026-01-12", "length": "4", "licence": "cc-by-4.0",
    },
    "media-freedom-report": {
        "type": "report", "topics": ["media-freedom"], "countries": ["regional"], "audience": "media",
        "level": "advanced", "languages": ["en"], "date": "2026-05-03", "length": "64",
        "licence": "cc-by-nc-4.0",
    },
    "fact-checking-video": {
        "type": "video", "topics": ["media-freedom"], "countries": ["north-macedonia"], "audience": "media",
        "level": "introductory", "languages": ["mk", "en"], "date": "2026-03-18", "length": "18",
        "licence": "cc-by-4.0",
    },
    "local-budget-webinar": {
        "type": "webinar", "topics": ["local-democracy", "citizen-participation"],
        "countries": ["montenegro"], "audience": "local-government", "level": "introductory",
        "languages": ["cnr", "en"], "date": "2026-10-07", "length": "75", "licence": "cc-by-4.0",
    },
    "community-safety-guide": {
        "type": "guide", "topics": ["community-safety"], "countries": ["kosovo", "north-macedonia"],
        "audience": "citizens", "level": "introductory", "languages": ["sq", "mk", "en"],
        "date": "2025-11-25", "length": "20", "licence": "cc-by-4.0",
    },
    "dealing-with-the-past-module": {
        "type": "training-module", "topics": ["dealing-with-the-past"],
        "countries": ["bosnia-and-herzegovina", "serbia"], "audience": "csos", "level": "advanced",
        "languages": ["bs", "sr", "en"], "date": "2025-09-30", "length": "360", "licence": "cc-by-sa-4.0",
    },
    "pve-toolkit": {
        "type": "toolkit", "topics": ["preventing-violent-extremism"], "countries": ["regional"],
        "audience": "local-government", "level": "advanced", "languages": ["en", "bs", "sq", "mk"],
        "date": "2026-07-14", "length": "56", "licence": "cc-by-4.0",
    },
}  # fmt: skip

# key: period, topics of the kit: kind → languages ("" = no text: the same file for every language)
CAMPAIGNS = {
    "shared-society": {
        "start": "2026-09-01",
        "end": "2027-06-30",
        "kit": {
            "poster": ["en", "sq", "bs", "sr", "mk"],
            "social-media": ["en", "sq", "bs", "sr", "mk"],
            "press-kit": ["en", "sq"],
            "logo": [""],
        },
    },
    "your-voice-counts": {
        "start": "2025-03-01",
        "end": "2025-10-31",
        "kit": {"poster": ["en", "bs", "hr", "cnr"], "social-media": ["en", "bs"], "logo": [""]},
    },
}
KIND_FORMAT = {"poster": "pdf", "social-media": "png", "press-kit": "pdf", "logo": "png"}


def load(code):
    with open(CONTENT_DIR / f"{code}.json", encoding="utf-8") as handle:
        return json.load(handle)


def resource_file_name(key, language):
    return f"{key}-{language}.pdf"


def material_file_name(campaign, kind, language):
    return f"{campaign}-{kind}-{language or 'all'}.{KIND_FORMAT[kind]}"


def demo_files():
    """(format, file name, title, lines of text) of every sample file."""
    content = {code: load(code) for code in SOURCE_LANGUAGES}
    for key, meta in RESOURCES.items():
        for code in meta["languages"]:
            text = content[code]["resources"][key]
            yield "pdf", resource_file_name(key, code), text["title"], [text["intro"], text["body"]]
    for key, meta in CAMPAIGNS.items():
        for kind, codes in meta["kit"].items():
            for code in codes:
                text = content[code or "en"]["campaigns"][key]
                lines = [text["goal"], *text["messages"]]
                yield (
                    KIND_FORMAT[kind],
                    material_file_name(key, kind, code),
                    text["title"],
                    lines if KIND_FORMAT[kind] == "pdf" else [text["messages"][0]],
                )
