"""Cyrillic → Latin transliteration: the one table of the site.

Serbian: the official one-to-one table, digraphs included (``serbian_to_latin``), used to generate
the ``sr-latn`` locale from ``sr``; Latin text passes through unchanged, and so do the Macedonian
letters Serbian lacks. Macedonian adds ѓ, ќ, ѕ (romanised as in Macedonian official use) and the
accented ѐ, ѝ; with them the whole table serves ASCII slugs (``ascii_slug``) and search folding
(``cyrillic_to_latin``, used by search.folding, which strips the diacritics itself).
"""

from django.utils.text import slugify

_SERBIAN = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž", "З": "Z",
    "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj", "М": "M", "Н": "N", "Њ": "Nj", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "Ć", "У": "U", "Ф": "F", "Х": "H", "Ц": "C",
    "Ч": "Č", "Џ": "Dž", "Ш": "Š",
}  # fmt: skip
_SERBIAN.update({cyr.lower(): lat.lower() for cyr, lat in list(_SERBIAN.items())})
_DIGRAPHS = {"Љ", "Њ", "Џ"}

# Macedonian letters Serbian lacks, romanised as in Macedonian official use (ѓ → gj, ќ → kj).
_MACEDONIAN_LETTERS = {"Ѓ": "Gj", "ѓ": "gj", "Ќ": "Kj", "ќ": "kj", "Ѕ": "Dz", "ѕ": "dz"}
# Macedonian е and и with a grave accent, written to tell homographs apart (сѐ, ѝ).
_MACEDONIAN_ACCENTED = {"Ѐ": "E", "ѐ": "e", "Ѝ": "I", "ѝ": "i"}

_MACEDONIAN = str.maketrans(_MACEDONIAN_LETTERS)
_CYRILLIC = str.maketrans({**_SERBIAN, **_MACEDONIAN_LETTERS, **_MACEDONIAN_ACCENTED})


def serbian_to_latin(text):
    """Transliterate Serbian Cyrillic to Latin; "ЉУБАВ" → "LJUBAV", "Љубав" → "Ljubav"."""
    if not text:
        return text
    out = []
    for index, char in enumerate(text):
        latin = _SERBIAN.get(char)
        if latin is None:
            out.append(char)
        elif char in _DIGRAPHS and _next_is_upper(text, index):
            out.append(latin.upper())
        else:
            out.append(latin)
    return "".join(out)


def _next_is_upper(text, index):
    neighbour = text[index + 1] if index + 1 < len(text) else (text[index - 1] if index else "")
    return neighbour.isupper()


def cyrillic_to_latin(text):
    """Serbian and Macedonian Cyrillic to Latin letter by letter, diacritics kept ("ђ" → "đ",
    "ѓ" → "gj"); digraphs are not capitalised by their neighbours (for lower-cased text: search)."""
    return text.translate(_CYRILLIC)


def ascii_slug(text, max_length=80):
    """A URL slug in plain ASCII for a title in any of our languages, Cyrillic included:
    "Граѓани на Куманово" → "gragjani-na-kumanovo", "Građani Tuzle" → "gradjani-tuzle"."""
    latin = serbian_to_latin(str(text).translate(_MACEDONIAN)).replace("đ", "dj").replace("Đ", "Dj")
    return slugify(latin)[:max_length].strip("-")
