"""External-intake mode: the "Apply" link carries the call code, language and country."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


def external_apply_url(page, language_code, country_slug=""):
    """``page.external_url`` with ``call``, ``lang`` and (if given) ``country`` added."""
    if not page.external_url:
        return ""
    parts = urlsplit(page.external_url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("call", "lang", "country")]
    query += [("call", page.code), ("lang", language_code)]
    if country_slug:
        query.append(("country", country_slug))
    return urlunsplit(parts._replace(query=urlencode(query)))


def external_form(page, language_code):
    """A GET form to the intake: its own query parameters and ours as hidden fields, country chosen."""
    if page.application_mode != page.EXTERNAL or not page.external_url:
        return None
    parts = urlsplit(external_apply_url(page, language_code))
    return {
        "action": urlunsplit(parts._replace(query="")),
        "hidden": parse_qsl(parts.query),
    }
