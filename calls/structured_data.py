"""schema.org JSON-LD for a call: a ``Grant`` with its amount, dates and eligible areas."""

from django.conf import settings


def call_json_ld(page, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Grant",
        "identifier": page.code,
        "name": page.title,
        "description": page.card_summary or "",
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
        "funder": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
        "startDate": page.opening_at.isoformat(),
        "endDate": page.deadline.isoformat(),
        "areaServed": [country.name for country in page.eligible_countries],
    }
    if page.amount_min is not None or page.amount_max is not None:
        amount = {"@type": "MonetaryAmount", "currency": page.currency}
        if page.amount_min is not None:
            amount["minValue"] = int(page.amount_min)
        if page.amount_max is not None:
            amount["maxValue"] = int(page.amount_max)
        data["amount"] = amount
    return data
