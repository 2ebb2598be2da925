"""schema.org JSON-LD for search engines: LearningResource for training, CreativeWork for campaigns."""

from home.languages import bcp47


def _absolute(request, url):
    return request.build_absolute_uri(url) if url else None


def _file_parts(request, items):
    return [
        {
            "@type": "MediaObject",
            "name": item.document.title,
            "contentUrl": _absolute(request, item.document.url),
            "encodingFormat": item.document.content_type,
            **({"inLanguage": bcp47(item.language)} if item.language else {}),
            **({"contentSize": f"{item.document.file_size} B"} if item.document.file_size else {}),
        }
        for item in items
    ]


def resource_json_ld(page, request, files, topics, languages):
    """A LearningResource (or CreativeWork for reports) describing a resource page."""
    name, licence_url = page.licence_info
    data = {
        "@context": "https://schema.org",
        "@type": "LearningResource" if page.is_training else "CreativeWork",
        "name": page.title,
        "description": page.search_description or page.intro,
        "url": _absolute(request, page.url),
        "inLanguage": bcp47(page.locale.language_code),
        "datePublished": page.publication_date.isoformat(),
        "learningResourceType": str(page.get_resource_type_display()),
        "educationalLevel": str(page.get_level_display()),
        "audience": {"@type": "Audience", "audienceType": str(page.get_audience_display())},
        "about": [topic.name for topic in topics],
        "availableLanguage": [bcp47(locale.language_code) for locale in languages],
        "license": licence_url or str(name),
        "hasPart": _file_parts(request, files),
    }
    if not page.is_training:
        for key in ("learningResourceType", "educationalLevel"):
            data.pop(key)
    if page.length:
        data["timeRequired" if page.is_training else "size"] = page.length
    return data


def campaign_json_ld(page, request, materials):
    """A CreativeWork for the campaign, its downloadable material as parts."""
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "genre": "public-awareness campaign",
        "name": page.title,
        "description": page.search_description or page.intro or page.goal,
        "url": _absolute(request, page.url),
        "inLanguage": bcp47(page.locale.language_code),
        "temporalCoverage": "/".join(
            [page.start_date.isoformat(), page.end_date.isoformat() if page.end_date else ".."]
        ),
        "hasPart": _file_parts(request, materials),
    }
    return data
