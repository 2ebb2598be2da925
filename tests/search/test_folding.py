"""The folding function: every script, keyboard and diacritic habit meets the same term."""

import pytest

from search.folding import fold_for_search


@pytest.mark.parametrize(
    ("variants", "language"),
    [
        (["друштво", "društvo", "drustvo", "DRUŠTVO"], "sr"),
        (["društvima", "drustvima", "друштвима"], "sr-latn"),
        (["Đakovo", "djakovo", "dakovo", "Ђаково"], "hr"),
        (["граѓанско општество", "gragjansko opstestvo", "gragjansko opshtestvo"], "mk"),
        (["shoqëria civile", "shoqeria civile", "SHOQËRIA CIVILE"], "sq"),
        (["organizacija civilnog društva", "organizacije civilnog drustva"], "bs"),
        (["čćšžđ", "ccszd", "cchshzhdj"], "cnr"),
        (["training organisations", "trained organisation"], "en"),
        (["buxhet", "buxheti", "buxhetit", "buxhetin", "buxhetet", "buxheteve"], "sq"),
        (["shoqëri", "shoqëria", "shoqërisë", "shoqerine", "shoqëritë", "shoqërive"], "sq"),
        (["organizatë", "organizata", "organizatën", "organizates", "organizatave"], "sq"),
        (["буџет", "буџетот", "буџети", "буџетите", "budzetot"], "mk"),
        (["организација", "организацијата", "организации", "организациите"], "mk"),
        (["граѓанско", "граѓанските", "граѓанскиот", "gragjanskata"], "mk"),
    ],
)
def test_variants_fold_to_the_same_terms(variants, language):
    folded = {fold_for_search(variant, language) for variant in variants}
    assert len(folded) == 1, folded


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\x00\x01\x02", "!!! ((( )))", '"AND OR NOT NEAR*^-:', "🙂🙃", "q" * 10_000],
)
def test_any_input_folds_without_error(text):
    folded = fold_for_search(text, "sr")
    assert isinstance(folded, str)
    assert "\x00" not in folded and '"' not in folded and "(" not in folded


def test_operators_become_plain_words():
    assert fold_for_search("NOT this OR that", "en").split() == ["not", "this", "or", "that"]


@pytest.mark.parametrize(
    ("word", "language", "folded"),
    [
        ("dhe", "sq", "dhe"), ("për", "sq", "per"), ("të", "sq", "te"), ("ka", "sq", "ka"),
        ("projekte", "sq", "projekt"), ("plane", "sq", "plan"),  # plural -e after -t/-n is no article
        ("во", "mk", "vo"), ("кои", "mk", "koi"), ("има", "mk", "ima"),
    ],
)  # fmt: skip
def test_light_stemmers_leave_short_words_and_plain_plurals_alone(word, language, folded):
    assert fold_for_search(word, language) == folded


def test_light_stemmers_keep_different_words_apart():
    assert fold_for_search("buxhet", "sq") != fold_for_search("buxhetore", "sq")
    assert fold_for_search("буџет", "mk") != fold_for_search("буџетски", "mk")
