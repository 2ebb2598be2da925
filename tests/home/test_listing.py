"""home.listing: one facet model and one page policy for every listing of the site."""

import pytest
from django.http import QueryDict
from wagtail.models import Locale

from home.listing import Facet, Option, page_number, paginate, selected_values, taxonomy_choices
from home.models import Topic

ITEMS = list(range(30))  # three pages of 12


@pytest.mark.parametrize("param", ["4", "999", "9" * 40])
def test_a_page_past_the_end_shows_the_last_page(param):
    page = paginate(ITEMS, param, 12)
    assert page.number == 3
    assert list(page.object_list) == ITEMS[24:]


@pytest.mark.parametrize("param", [None, "", "abc", "0", "-1", "1.5", "2x", "٢"])
def test_a_page_that_is_not_a_positive_number_shows_the_first_page(param):
    page = paginate(ITEMS, param, 12)
    assert page.number == 1
    assert list(page.object_list) == ITEMS[:12]


def test_pages_in_range_and_empty_lists():
    assert paginate(ITEMS, " 2 ", 12).number == 2
    assert page_number("3") == 3 and page_number("0") is None
    empty = paginate([], "5", 12)
    assert empty.number == 1 and list(empty.object_list) == []


def test_facet_keeps_options_with_results_or_chosen_in_choice_order():
    facet = Facet.build(
        "topic", "Topic", [("a", "A"), ("b", "B"), ("c", "C")], {"a": 2}, "c", indented={"a"}
    )
    assert facet.options == [
        Option("a", "A", 2, selected=False, indent=True),
        Option("c", "C", 0, selected=True),
    ]
    assert facet.value == "c" and facet.selected == ["c"]
    assert facet.active == [Option("c", "C", 0, selected=True)]


def test_a_value_that_is_not_an_option_is_not_selected():
    facet = Facet.build("type", "Type", [("guide", "Guide")], {"guide": 1}, ["guide", "x"])
    assert facet.selected == ["guide"]
    assert Facet.build("type", "Type", [("guide", "Guide")], {}, None).options == []


def test_selected_values_are_distinct_capped_and_limited_to_allowed():
    query = QueryDict("type=guide&type=guide&type=&type=evil&type=toolkit")
    assert selected_values(query, "type") == ["guide", "evil", "toolkit"]
    assert selected_values(query, "type", allowed={"guide", "toolkit"}) == ["guide", "toolkit"]
    assert selected_values(QueryDict("type=" + "&type=".join(map(str, range(50)))), "type") == [
        str(n) for n in range(20)
    ]


def test_taxonomy_facets_list_only_the_current_languages_terms(seeded_site):
    mk = Locale.objects.get(language_code="mk")
    choices = taxonomy_choices(Topic.objects.all(), mk.pk)
    mk_topics = list(Topic.objects.filter(locale=mk))
    assert choices == [(topic.slug, topic.name) for topic in mk_topics]
    assert Topic.objects.exclude(locale=mk).exists()  # other languages have topics too
    english_names = set(
        Topic.objects.filter(locale__language_code="en").values_list("name", flat=True)
    )
    assert not english_names & {name for _slug, name in choices}
    facet = Facet.build("topic", "Topic", choices, {slug: 1 for slug, _name in choices})
    assert [option.label for option in facet.options] == [topic.name for topic in mk_topics]
