"""One text-folding function for indexed text and queries alike.

"друштво", "društvo" and "drustvo" fold to the same term; so do "Đakovo", "djakovo" and "dakovo",
and Macedonian typed in Latin ("gragjansko opstestvo") meets its Cyrillic ("граѓанско општество").

Steps: lower-case → Serbian/Macedonian Cyrillic to Latin (the table of translations.transliteration)
→ Snowball stemming where the language has a stemmer (English; Serbian for the Serbo-Croatian
standards) → diacritics removed → the Latin digraphs that stand for one Cyrillic letter collapsed
(dj, gj, kj, sh, zh, ch), so that a reader who types them, or leaves the diacritic off, finds the
same word → for Albanian and Macedonian, which Snowball lacks, a light suffix stemmer (see
``_light_stem``).

The light stemmers run on the folded word, so "organizatës", "organizates" and "organizatën"
meet, and Macedonian typed in Latin ("gragjanskite") meets its Cyrillic ("граѓанските").
"""

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer

from translations.transliteration import cyrillic_to_latin

_LETTERS = str.maketrans({"đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe"})
_DIGRAPHS = re.compile(r"dj|gj|kj|sh|zh|ch")
_WORD = re.compile(r"\w+")

# Which Snowball stemmer each of our languages uses; None where Snowball has none.
STEMMER_FOR_LANGUAGE = {
    "en": "english",
    "sr": "serbian",
    "sr-latn": "serbian",
    "bs": "serbian",
    "hr": "serbian",
    "cnr": "serbian",
    "sq": "albanian-light",
    "mk": "macedonian-light",
}

# Inflectional endings of the light stemmers, as they look after folding (ë → e, ѓ → g, …),
# longest first. Albanian: definite article and case endings of nouns and adjectives (-i, -in,
# -it, -u, -un, -ut; -ë/-a, -ën, -ës; plural -e, -et, -eve, -at, -ave, -ët, -ëve); Macedonian:
# the definite article (-от, -та, -то, -те after the stem's own vowel: -ата, -ото, -ите, -иот, -ето),
# plural -и, -ови, -еви and -ии/-ија of nouns in -ија. The proximal/distal articles (-ов, -он, -ва,
# -на, …) are left alone: rare in written texts, and they collide with common stems ("година").
_LIGHT_SUFFIXES = {
    "albanian-light": ("eve", "ave", "ive", "uve", "es", "en", "et", "at", "it", "in", "ut", "un",
                       "e", "a", "i", "u"),
    "macedonian-light": ("ijata", "ovite", "evite", "iite", "ija", "ite", "ata", "oto", "ete", "eto",
                         "iot", "ovi", "evi", "ii", "ot", "a", "o", "e", "i"),
}  # fmt: skip
# Albanian -së, -në, -të follow the -i of feminine nouns (shoqëri → shoqërisë, shoqërinë,
# shoqëritë); elsewhere "-te", "-ne" end plain plurals ("projekte", "plane") and stay.
_ALBANIAN_AFTER_I = re.compile(r"(?<=i)(?:se|ne|te)$")
MIN_STEM = 3  # letters a light stemmer leaves at least: "dhe", "për", "ima", "кои" stay whole


@cache
def _stemmer(algorithm):
    return snowballstemmer.stemmer(algorithm)


@lru_cache(maxsize=500_000)
def _fold_word(algorithm, word):
    # Snowball in pure Python costs ~0.1 ms a word; texts repeat words, so remember each one.
    if algorithm in _LIGHT_SUFFIXES:
        return _light_stem(algorithm, _strip_marks(word))
    if algorithm is not None:
        word = _stemmer(algorithm).stemWord(word)
    return _strip_marks(word)


def _light_stem(algorithm, word):
    """``word`` (folded) without its inflectional endings, removed until none is left.

    Endings are removed repeatedly because a stem may itself end like an ending ("kredit",
    "krediti"; "живот", "животот"): both forms then reach the same stem, which is what matching
    needs, even where that stem is shorter than the dictionary's.
    """
    suffixes = _LIGHT_SUFFIXES[algorithm]
    while True:
        after_i = _ALBANIAN_AFTER_I.search(word) if algorithm == "albanian-light" else None
        if after_i and after_i.start() >= MIN_STEM:
            word = word[: after_i.start()]
            continue
        for suffix in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            return word


def _strip_marks(word):
    decomposed = unicodedata.normalize("NFKD", word.translate(_LETTERS))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _DIGRAPHS.sub(lambda match: match.group(0)[0], plain)


def fold_words(text, language_code=None):
    """The folded words of ``text`` (see the module docstring), in order."""
    if not text:
        return []
    latin = cyrillic_to_latin(unicodedata.normalize("NFC", str(text)).lower())
    algorithm = STEMMER_FOR_LANGUAGE.get(language_code)
    return [folded for folded in (_fold_word(algorithm, w) for w in _WORD.findall(latin)) if folded]


def fold_for_search(text, language_code=None):
    """``text`` folded for matching: the same function for what is indexed and what is asked."""
    return " ".join(fold_words(text, language_code))
