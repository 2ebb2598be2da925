"""Demo calls in every language: open, closing soon, external, forthcoming and closed — idempotently.

Dates are relative to the first seed. Every language's call shares the English call's
translation_key, and every form field shares the English field's key and translation_key.
"""

import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from calls import file_types
from calls.models import CallIndexPage, CallPage, FormField
from home.addresses import page_slug
from home.models import Country, GrantType, Topic
from home.seeding import ensure_document, load_content, rename_seeded_page

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"
FILES_DIR = Path(__file__).resolve().parent / "demo_files"
EXTERNAL_INTAKE = "https://apply.wbcsp.example/apply"

# key, code, grant type, topics, countries, opens (days from now), closes (days), min, max, mode
CALLS = [
    ("core", "WBCSP-2026-CORE-01", "core", ["governance", "citizen-participation"],
     ["albania", "bosnia-and-herzegovina", "kosovo", "montenegro", "north-macedonia", "serbia"],
     -20, 35, 20000, 60000, CallPage.EMBEDDED),
    ("local", "WBCSP-2026-LOC-02", "local", ["security-and-stability", "community-safety"],
     ["albania", "kosovo", "north-macedonia"], -40, 4, 3000, 10000, CallPage.EMBEDDED),
    ("media", "WBCSP-2026-MEDIA-03", "media", ["media-freedom"],
     ["bosnia-and-herzegovina", "montenegro", "serbia", "kosovo"], -10, 25, 5000, 25000,
     CallPage.EXTERNAL),
    ("regional", "WBCSP-2026-REG-04", "regional", ["dealing-with-the-past"], ["regional"],
     14, 75, 40000, 120000, CallPage.EMBEDDED),
    ("creative", "WBCSP-2026-CB-05", "creative-box", ["citizen-participation"],
     ["albania", "montenegro", "serbia"], -70, -20, 2000, 8000, CallPage.EMBEDDED),
    ("national", "WBCSP-2025-NAT-06", "national", ["anti-corruption"],
     ["bosnia-and-herzegovina", "north-macedonia"], -160, -90, 10000, 30000, CallPage.EMBEDDED),
]  # fmt: skip

# key, type, required, choice keys, accepted file types (calls/file_types.py)
FORM_FIELDS = [
    ("organisation_name", "singleline", True, "", ""),
    ("email", "email", True, "", ""),
    ("country", "country", True, "", ""),
    ("organisation_type", "dropdown", True, "cso\nnetwork\nmedia", ""),
    ("themes", "checkboxes", False, "security\ngovernance", ""),
    ("requested_amount", "number", True, "", ""),
    ("project_summary", "multiline", True, "", ""),
    ("budget", "file", True, "", file_types.BUDGET),
    ("registration_certificate", "file", False, "", file_types.SCANS),
]


def _paragraph(text):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"}])


def seed_index_page(index_context):
    """The calls index under one language's home page, if missing (home.seeding calls it for each
    language, after the home page's standard pages)."""
    return index_context.ensure_index("calls", CallIndexPage)


def seed_section(context):
    """Create the demo calls missing in any language."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    guidelines = ensure_document(FILES_DIR / "call-guidelines.pdf", "Call guidelines (sample)")
    budget = ensure_document(FILES_DIR / "budget-template.pdf", "Budget template (sample)")
    en_calls = {}
    en_fields = {}
    codes = [settings.LANGUAGE_CODE] + [c for c in context.locales if c != settings.LANGUAGE_CODE]
    for code in codes:
        locale = context.locales[code]
        index = CallIndexPage.objects.child_of(context.homes[code]).first()
        if index is None:
            continue
        content = load_content(code, CONTENT_DIR)
        _rename_legacy_calls(index, content)
        existing = set(CallPage.objects.child_of(index).values_list("code", flat=True))
        if len(existing) >= len(CALLS) and code != settings.LANGUAGE_CODE:
            continue
        terms = {
            model: {t.slug: t for t in model.objects.filter(locale=locale)}
            for model in (GrantType, Topic, Country)
        }
        for key, call_code, grant, topics, countries, opens, closes, low, high, mode in CALLS:
            if call_code in existing:
                if code == settings.LANGUAGE_CODE:
                    page = CallPage.objects.child_of(index).get(code=call_code)
                    en_calls[call_code] = page
                    en_fields[call_code] = {f.key: f for f in page.form_fields.all()}
                continue
            text = content["calls"][key]
            source = en_calls.get(call_code)
            if source is None and code != settings.LANGUAGE_CODE:
                continue
            page = CallPage(
                title=text["title"],
                slug=page_slug(text["title"]),
                locale=locale,
                intro=text["intro"],
                search_description=text["intro"],
                code=call_code,
                grant_type=terms[GrantType].get(grant),
                opening_at=source.opening_at if source else now + timedelta(days=opens),
                deadline=source.deadline if source else now + timedelta(days=closes),
                amount_min=low,
                amount_max=high,
                currency="EUR",
                who_may_apply=_paragraph(text["who"]),
                how_to_apply=_paragraph(text["how"]),
                documents=json.dumps(
                    [
                        {
                            "type": "document",
                            "value": {
                                "title": content["guidelines"],
                                "document": guidelines.pk,
                                "country": "",
                                "language": code,
                            },
                        },
                        {
                            "type": "document",
                            "value": {
                                "title": content["budget_template"],
                                "document": budget.pk,
                                "country": "",
                                "language": "",
                            },
                        },
                    ]
                ),  # fmt: skip
                faq=json.dumps(
                    [
                        {
                            "type": "item",
                            "value": {
                                "question": text["faq_q"],
                                "answer": f"<p>{text['faq_a']}</p>",
                            },
                        }
                    ]
                ),  # fmt: skip
                info_sessions=json.dumps(
                    [
                        {
                            "type": "session",
                            "value": {
                                "date": (now + timedelta(days=max(opens, -5) + 7))
                                .date()
                                .isoformat(),
                                "start_time": "11:00:00",
                                "end_time": "12:30:00",
                                "place": content["info_session_place"],
                                "online_url": "https://meet.wbcsp.example/info-session",
                            },
                        }
                    ]
                )
                if closes > 0
                else "[]",  # fmt: skip
                contact_name=content["contact_name"],
                contact_email="grants@wbcsp.example",
                application_mode=mode,
                external_url=EXTERNAL_INTAKE if mode == CallPage.EXTERNAL else "",
                form_intro=content["form_intro"],
                thank_you_text=content["thank_you"],
                live=True,
                first_published_at=now + timedelta(days=min(opens, 0)),
            )
            if source is not None:
                page.translation_key = source.translation_key
            page.topics = [terms[Topic][slug] for slug in topics if slug in terms[Topic]]
            page.countries = [terms[Country][slug] for slug in countries if slug in terms[Country]]
            if mode == CallPage.EMBEDDED:
                page.form_fields = _form_fields(locale, content, en_fields.get(call_code))
            index.add_child(instance=page)
            context.report.add(f"call {call_code} ({code})")
            if code == settings.LANGUAGE_CODE:
                en_calls[call_code] = page
                en_fields[call_code] = {f.key: f for f in page.form_fields.all()}


def _rename_legacy_calls(index, content):
    """Calls of databases seeded when a call's slug was its code get the slug of their title."""
    titles = {code.lower(): content["calls"][key]["title"] for key, code, *_rest in CALLS}
    for page in CallPage.objects.child_of(index).filter(slug__in=titles):
        rename_seeded_page(page, page_slug(titles[page.slug]))


def _form_fields(locale, content, en_fields):
    fields = []
    for order, (key, field_type, required, choice_keys, accepted) in enumerate(FORM_FIELDS):
        texts = content["fields"][key]
        field = FormField(
            locale=locale,
            key=key,
            clean_name=key,
            label=texts[0],
            help_text=texts[1],
            field_type=field_type,
            required=required,
            choices=texts[2] if len(texts) > 2 else "",
            choice_keys=choice_keys,
            accepted_types=accepted or file_types.ANY,
            sort_order=order,
        )
        if en_fields and key in en_fields:
            field.translation_key = en_fields[key].translation_key
        fields.append(field)
    return fields
