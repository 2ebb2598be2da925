"""Record translations that were written outside wagtail-localize, so that syncing keeps them.

The seed (and any import of translated content) creates each language's page or snippet on its
own, sharing only the English item's ``translation_key``. wagtail-localize knows nothing of those
texts: "Sync translated pages" (``Translation.save_target``) rebuilds a translation from the
English source and the string translations it has recorded, so without records it would replace
the translators' text with English.

Adopting a translation records it the way wagtail-localize would have, had it been made in its
editor: the English item's ``TranslationSource``, an enabled (synced) ``Translation`` into the
target language, one ``StringTranslation`` per source string taken from the target's own text,
and a ``SegmentOverride`` wherever the target deliberately differs in a non-text value (a page
chosen in the target language, a localised link).

Source and target strings are matched by position, never by guessing: StreamField paths hold
block ids, which differ between independently written languages, so each id is replaced by the
block's type and position in its stream or list (and each translatable child object's key by its
position). Within one path (a rich-text block yields one string per paragraph) strings pair in
order, and only when both sides have the same number of them; anything else is reported as
unmatched and left for a translator. Items already tracked by wagtail-localize are left alone,
so adopting twice creates nothing. Serbian Latin is skipped: it is generated from Serbian
Cyrillic through wagtail-localize (translations/latin_script.py).

The English sources are recorded in bulk (a few queries per table rather than some ten per
string, as TranslationSource.get_or_create_from_instance() would), with the same rows; an
existing source is used as it is. StreamField lists still stored without item ids (raw JSON in
Wagtail's pre-2.16 form) are first rewritten with ids, else wagtail-localize would not see them.
``pending_sync_changes()`` tells what a sync would still change (``adopt_translations --check``).
"""

import json
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin, get_translatable_models
from wagtail_localize import models as localize_models
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    SegmentOverride,
    String,
    StringSegment,
    StringTranslation,
    Template,
    TemplateSegment,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments, quote_path_component
from wagtail_localize.strings import StringValue, validate_translation_links

from translations.latin_script import GENERATED_LANGUAGE

# Why a source string was left without a translation (the keys of AdoptionReport.unmatched).
MISSING = "missing in the translation"  # no string at that place in the target
SHAPE = "different number of strings"  # e.g. three paragraphs in English, two in Macedonian
INVALID = "invalid markup or links"  # wagtail-localize would refuse the string
DUPLICATE = "same string twice in one place, translated differently"
UNKNOWN_PATH = "source changed since it was recorded"  # a block no longer in the source


@dataclass
class AdoptionReport:
    """What adoption did, per target language code."""

    adopted: Counter = field(default_factory=Counter)  # items (pages, snippets) now tracked
    strings: Counter = field(default_factory=Counter)  # string translations recorded
    overrides: Counter = field(default_factory=Counter)  # segment overrides recorded
    unmatched: Counter = field(default_factory=Counter)  # source strings left untranslated
    extra: Counter = field(default_factory=Counter)  # target strings with no source counterpart
    already_tracked: Counter = field(default_factory=Counter)  # left alone
    upgraded: Counter = field(default_factory=Counter)  # items whose lists got block ids
    details: list = field(default_factory=list)  # (language, item, path, reason)

    @property
    def languages(self):
        counters = (self.adopted, self.unmatched, self.extra, self.already_tracked, self.upgraded)
        return sorted(set().union(*counters))

    def total(self, counter_name):
        return sum(getattr(self, counter_name).values())

    def lines(self):
        """One line per language, for management commands."""
        return [
            f"{code}: {self.adopted[code]} items adopted, {self.strings[code]} strings, "
            f"{self.overrides[code]} overrides, {self.unmatched[code]} source strings unmatched, "
            f"{self.extra[code]} target strings unmatched, "
            f"{self.already_tracked[code]} items already tracked"
            + (f", {self.upgraded[code]} items' lists upgraded" if self.upgraded[code] else "")
            for code in self.languages
        ]


def adopt_translation(source_instance, target_instance, report=None):
    """Record ``target_instance`` as wagtail-localize's translation of ``source_instance``."""
    report = report if report is not None else AdoptionReport()
    _adopt_pairs([(source_instance, target_instance)], report)
    return report


def adopt_all(language_codes=None):
    """Adopt every untracked translation of every English page and translatable snippet.

    ``language_codes`` limits the target languages (all but English and Serbian Latin by default).
    Returns an AdoptionReport.
    """
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    skipped = {settings.LANGUAGE_CODE, GENERATED_LANGUAGE}
    targets = {
        pk
        for pk, locale in locales.items()
        if locale.language_code not in skipped
        and (language_codes is None or locale.language_code in language_codes)
    }
    source_locale = next(
        (pk for pk, locale in locales.items() if locale.language_code == settings.LANGUAGE_CODE),
        None,
    )
    report = AdoptionReport()
    if source_locale is None or not targets:
        return report
    pairs = []
    for queryset in _translatable_querysets():
        by_key = defaultdict(dict)
        for instance in queryset.filter(locale_id__in=targets | {source_locale}):
            by_key[instance.translation_key][instance.locale_id] = instance
        for versions in by_key.values():
            source = versions.pop(source_locale, None)
            if source is not None:
                pairs.extend((source, target) for target in versions.values())
    _adopt_pairs(pairs, report)
    return report


def _translatable_querysets():
    """Every page (specific, not the root) and every translatable snippet model's items."""
    yield Page.objects.filter(depth__gt=1, alias_of__isnull=True).specific()
    for model in get_translatable_models():
        if issubclass(model, Page) or not issubclass(model, TranslatableMixin):
            continue
        if _is_child_model(model):  # e.g. a call's form fields: adopted with their page
            continue
        yield model.objects.all()


def _is_child_model(model):
    return any(isinstance(field, ParentalKey) for field in model._meta.get_fields())


# --- Lists stored in Wagtail's old format ----------------------------------------------------


def upgrade_legacy_lists(instance):
    """Rewrite StreamFields whose list items are stored without ids (Wagtail's format before
    2.16, which raw JSON such as the seed's still produces) in the current format.

    wagtail-localize extracts no segment from such a list, so syncing would replace its items
    (e.g. the about page's questions and answers) with the English ones. The text is unchanged:
    this is what Wagtail itself writes on the next save in the editor. The row, and its latest
    and live revisions (which the editor and publishing start from), are updated. Returns
    whether anything was rewritten.
    """
    fields = []
    for model_field in instance._meta.concrete_fields:
        if not isinstance(model_field, StreamField):
            continue
        value = model_field.value_from_object(instance)
        old = list(value.raw_data)
        if _has_legacy_list(model_field.stream_block, old):
            for _block in value:  # bind every block: saving then writes the current format
                pass
            new = model_field.stream_block.get_prep_value(value)  # gives list items their ids
            fields.append((model_field, old, new, value))
    if not fields:
        return False
    model = type(instance)
    model._default_manager.filter(pk=instance.pk).update(
        **{model_field.attname: value for model_field, _old, _new, value in fields}
    )
    for model_field, _old, new, _value in fields:  # a value whose raw data has the ids too
        setattr(instance, model_field.attname, model_field.stream_block.to_python(new))
    for revision in {
        revision.pk: revision
        for revision in (
            getattr(instance, "latest_revision", None),
            getattr(instance, "live_revision", None),
        )
        if revision is not None
    }.values():
        _upgrade_revision(revision, fields)
    return True


def _upgrade_revision(revision, fields):
    for model_field, old, new, _value in fields:
        stored = revision.content.get(model_field.name)
        if not isinstance(stored, str):
            continue
        raw = json.loads(stored)
        if raw == old:  # the same content as the row: the same ids
            revision.content[model_field.name] = json.dumps(new, cls=DjangoJSONEncoder)
        elif _has_legacy_list(model_field.stream_block, raw):
            value = model_field.stream_block.to_python(raw)
            for _block in value:
                pass
            prepared = model_field.stream_block.get_prep_value(value)
            revision.content[model_field.name] = json.dumps(prepared, cls=DjangoJSONEncoder)
    revision.save(update_fields=["content"])


def _has_legacy_list(block, raw):
    """Does raw StreamField data hold a ListBlock value whose items have no ids?"""
    if isinstance(block, blocks.StreamBlock):
        return any(
            _has_legacy_list(block.child_blocks[child["type"]], child.get("value"))
            for child in raw or []
            if isinstance(child, dict) and child.get("type") in block.child_blocks
        )
    if isinstance(block, blocks.ListBlock):
        items = raw or []
        if not all(block._item_is_in_block_format(item) for item in items):
            return True
        return any(_has_legacy_list(block.child_block, item["value"]) for item in items)
    if isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        return any(
            _has_legacy_list(child, raw.get(name)) for name, child in block.child_blocks.items()
        )
    return False


# --- Matching --------------------------------------------------------------------------------


def _positions(instance):
    """{block id or child key: "type#position"} for every StreamField block and translatable
    child object of ``instance``: what stays the same between independently written languages."""
    mapping = {}
    for model_field in instance._meta.get_fields():
        if isinstance(model_field, StreamField):
            _walk_stream(list(model_field.value_from_object(instance).raw_data), mapping)
        elif _is_translatable_child_relation(model_field):
            for position, child in enumerate(getattr(instance, model_field.name).all()):
                mapping[str(child.translation_key)] = f"#{position}"
                mapping.update(_positions(child))
    return mapping


def _is_translatable_child_relation(model_field):
    return (
        model_field.one_to_many
        and isinstance(getattr(model_field, "remote_field", None), ParentalKey)
        and issubclass(model_field.related_model, TranslatableMixin)
    )


def _walk_stream(value, mapping):
    """Record the position of each stream child and list item in raw StreamField data."""
    if isinstance(value, list):
        for position, item in enumerate(value):
            if isinstance(item, dict) and {"id", "type", "value"} <= item.keys():
                mapping[str(item["id"])] = f"{item['type']}#{position}"
                _walk_stream(item["value"], mapping)
            else:
                _walk_stream(item, mapping)
    elif isinstance(value, dict):
        for item in value.values():
            _walk_stream(item, mapping)


def _normalise(path, positions):
    """``path`` with block ids and child keys replaced by positions; None if one is unknown."""
    parts = path.split(".")
    normalised = [positions.get(part, part) for part in parts]
    if any(_looks_like_uuid(part) for part in normalised):
        return None
    return ".".join(normalised)


def _looks_like_uuid(part):
    return len(part) == 36 and part.count("-") == 4


@dataclass
class _Source:
    """What adoption needs of one TranslationSource: its strings and overridable values by
    normalised path, in order."""

    record: TranslationSource
    strings: dict = field(default_factory=lambda: defaultdict(list))  # path → [StringSegment]
    overridables: dict = field(default_factory=dict)  # path → OverridableSegment
    overridables_by_path: dict = field(default_factory=dict)  # context path → OverridableSegment
    unknown: list = field(default_factory=list)  # StringSegments whose path is not in the source


def _adopt_pairs(pairs, report):
    locales = {locale.pk: locale.language_code for locale in Locale.objects.all()}
    tracked = set(
        Translation.objects.filter(
            source__object_id__in={source.translation_key for source, _target in pairs}
        ).values_list("source__object_id", "target_locale_id")
    )
    todo = []
    for source, target in pairs:
        language = locales[target.locale_id]
        if (source.translation_key, target.locale_id) in tracked:
            report.already_tracked[language] += 1
        elif type(source) is not type(target) or source.locale_id == target.locale_id:
            report.details.append((language, str(target), "", "not a translation of the source"))
        elif language == GENERATED_LANGUAGE:
            report.details.append((language, str(target), "", "generated from Serbian Cyrillic"))
        else:
            todo.append((source, target))
    if not todo:
        return
    with transaction.atomic():
        upgraded = {}
        for source, target in todo:
            for instance in (source, target):
                if instance.pk not in upgraded.setdefault(type(instance), set()):
                    upgraded[type(instance)].add(instance.pk)
                    if upgrade_legacy_lists(instance):
                        report.upgraded[locales[instance.locale_id]] += 1
        sources = _record_sources(source for source, _target in todo)
        new = _Records()
        for source, target in todo:
            _match(sources[source.translation_key], target, locales, new, report)
        new.save(report, locales)


def _record_sources(instances):
    """{translation_key: _Source}: get or create each English item's TranslationSource and load
    its string and overridable segments."""
    instances = list({instance.translation_key: instance for instance in instances}.values())
    existing = {
        (record.object_id, record.locale_id): record
        for record in TranslationSource.objects.filter(
            object_id__in=[instance.translation_key for instance in instances]
        )
    }
    fresh = [i for i in instances if (i.translation_key, i.locale_id) not in existing]
    created = _create_sources(fresh)
    sources = {}
    for instance in instances:
        record = existing.get((instance.translation_key, instance.locale_id))
        if record is None:
            record, positions = created[instance.translation_key], _positions(instance)
        else:  # recorded earlier: its content may be older than the instance's
            positions = _positions(record.as_instance())
        sources[record.pk] = (_Source(record), positions)
    for segment in (
        StringSegment.objects.filter(source_id__in=sources)
        .select_related("context", "string")
        .order_by("source_id", "order")
    ):
        source, positions = sources[segment.source_id]
        path = _normalise(segment.context.path, positions)
        if path is None:
            source.unknown.append(segment)
        else:
            source.strings[path].append(segment)
    for segment in OverridableSegment.objects.filter(source_id__in=sources).select_related(
        "context"
    ):
        source, positions = sources[segment.source_id]
        source.overridables_by_path[segment.context.path] = segment
        path = _normalise(segment.context.path, positions)
        if path is not None:
            source.overridables[path] = segment
    return {source.record.object_id: source for source, _positions in sources.values()}


# --- Recording sources in bulk ---------------------------------------------------------------
#
# TranslationSource.get_or_create_from_instance() records a source with some ten queries per
# segment; the seed records hundreds of sources. _create_sources() writes exactly the same rows
# (TranslatableObject, TranslationSource, String, Template, TranslationContext and the four
# segment kinds) with a few queries per table. tests/translations/test_adoption.py checks that
# wagtail-localize's own TranslationSource.refresh_segments() then finds nothing to change.


def _create_sources(instances):
    """{translation_key: TranslationSource} for instances that have none yet."""
    if not instances:
        return {}
    now = timezone.now()
    _ensure_objects(
        {
            instance.translation_key: _content_type(instance.get_translation_model())
            for instance in instances
        }
    )
    schema_versions = {}
    records = []
    for instance in instances:
        app_label = instance._meta.app_label
        if app_label not in schema_versions:
            schema_versions[app_label] = get_schema_version(app_label)
        records.append(
            TranslationSource(
                object_id=instance.translation_key,
                specific_content_type=_content_type(type(instance)),
                locale_id=instance.locale_id,
                object_repr=str(instance)[:200],
                content_json=source_content_json(instance),
                schema_version=schema_versions[app_label],
                last_updated_at=now,
            )
        )
    TranslationSource.objects.bulk_create(records)
    if any(record.pk is None for record in records):  # a database that returns no ids
        records = list(
            TranslationSource.objects.filter(
                object_id__in=[instance.translation_key for instance in instances]
            )
        )
    by_key = {(record.object_id, record.locale_id): record for record in records}
    sources = {
        instance.translation_key: by_key[(instance.translation_key, instance.locale_id)]
        for instance in instances
    }
    _create_segments([(sources[i.translation_key], i) for i in instances])
    return sources


def _content_type(model):
    return ContentType.objects.get_for_model(model)


def source_content_json(instance):
    """The source content as TranslationSource.get_or_create_from_instance() serialises it."""
    if isinstance(instance, ClusterableModel):
        return instance.to_json()
    return json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)


def _ensure_objects(content_types):
    """Create the TranslatableObjects missing among {translation_key: content type}."""
    existing = set(
        TranslatableObject.objects.filter(translation_key__in=content_types).values_list(
            "translation_key", flat=True
        )
    )
    TranslatableObject.objects.bulk_create(
        TranslatableObject(translation_key=key, content_type=content_type)
        for key, content_type in content_types.items()
        if key not in existing
    )


class _FieldPathProbe:
    """Lets TranslationContext.get_field_path() compute a field path without saving a row."""

    def __init__(self, path):
        self.path = path
        self.field_path = ""

    def save(self, **kwargs):
        pass


def _create_segments(sources_and_instances):
    """What TranslationSource.refresh_segments() creates for each new source, in bulk."""
    extracted = [
        (record, instance, extract_segments(instance)) for record, instance in sources_and_instances
    ]
    strings = _get_or_create_strings(
        {
            (record.locale_id, segment.string.data)
            for record, _instance, segments in extracted
            for segment in segments
            if isinstance(segment, StringSegmentValue)
        }
    )
    templates = _get_or_create_templates(
        {
            segment.template: segment
            for _record, _instance, segments in extracted
            for segment in segments
            if isinstance(segment, TemplateSegmentValue)
        }.values()
    )
    _ensure_objects(
        {
            segment.translation_key: segment.content_type
            for _record, _instance, segments in extracted
            for segment in segments
            if isinstance(segment, RelatedObjectSegmentValue)
        }
    )
    contexts = _get_or_create_contexts(
        {
            (record.object_id, segment.path): instance
            for record, instance, segments in extracted
            for segment in segments
        }
    )
    rows = defaultdict(list)
    for record, _instance, segments in extracted:
        for segment in segments:
            common = {
                "source": record,
                "context_id": contexts[(record.object_id, segment.path)],
                "order": segment.order,
            }
            if isinstance(segment, TemplateSegmentValue):
                rows[TemplateSegment].append(
                    TemplateSegment(template_id=templates[segment.template], **common)
                )
            elif isinstance(segment, RelatedObjectSegmentValue):
                rows[RelatedObjectSegment].append(
                    RelatedObjectSegment(object_id=segment.translation_key, **common)
                )
            elif isinstance(segment, OverridableSegmentValue):
                data_json = json.dumps(segment.data, cls=DjangoJSONEncoder)
                rows[OverridableSegment].append(OverridableSegment(data_json=data_json, **common))
            else:
                rows[StringSegment].append(
                    StringSegment(
                        string_id=strings[(record.locale_id, segment.string.data)],
                        attrs=json.dumps(segment.attrs, cls=DjangoJSONEncoder),
                        **common,
                    )
                )
    for model, model_rows in rows.items():
        model.objects.bulk_create(model_rows)


def _get_or_create_strings(keys):
    """{(locale id, text): String id}, as String.from_value() would get or create them."""
    hashes = {key: String._get_data_hash(key[1]) for key in keys}

    def load():
        return {
            (locale_id, data_hash): pk
            for pk, locale_id, data_hash in String.objects.filter(
                data_hash__in=set(hashes.values())
            ).values_list("pk", "locale_id", "data_hash")
        }

    found = load()
    missing = {
        (key[0], data_hash): key[1]
        for key, data_hash in hashes.items()
        if (key[0], data_hash) not in found
    }
    if missing:
        String.objects.bulk_create(
            String(locale_id=locale_id, data_hash=data_hash, data=data)
            for (locale_id, data_hash), data in missing.items()
        )
        found = load()
    return {key: found[(key[0], data_hash)] for key, data_hash in hashes.items()}


def _get_or_create_templates(values):
    """{template text: Template id}, as Template.from_value() would get or create them."""
    by_uuid = {}
    for value in values:
        namespace = uuid.uuid5(Template.BASE_UUID_NAMESPACE, value.format)
        by_uuid[uuid.uuid5(namespace, value.template)] = value

    def load():
        return dict(Template.objects.filter(uuid__in=by_uuid).values_list("uuid", "pk"))

    found = load()
    missing = [key for key in by_uuid if key not in found]
    if missing:
        Template.objects.bulk_create(
            Template(
                uuid=key,
                template=by_uuid[key].template,
                template_format=by_uuid[key].format,
                string_count=by_uuid[key].string_count,
            )
            for key in missing
        )
        found = load()
    return {value.template: found[key] for key, value in by_uuid.items()}


def _get_or_create_contexts(keys):
    """{(object id, path): TranslationContext id} with field paths, for {key: source instance}."""
    object_ids = {object_id for object_id, _path in keys}

    def load():
        return {
            (context.object_id, context.path): context
            for context in TranslationContext.objects.filter(object_id__in=object_ids)
        }

    found = load()
    missing = [key for key in keys if key not in found]
    if missing:
        rows = []
        for object_id, path in missing:
            probe = _FieldPathProbe(path)
            field_path = TranslationContext.get_field_path(probe, keys[(object_id, path)])
            rows.append(
                TranslationContext(
                    object_id=object_id,
                    path=path,
                    path_id=TranslationContext._get_path_id(path),
                    field_path=field_path,
                )
            )
        TranslationContext.objects.bulk_create(rows)
        found = load()
    for key, instance in keys.items():
        found[key].get_field_path(instance)  # fills in a field path recorded before v1.0
    return {key: found[key].pk for key in keys}


@dataclass
class _Records:
    """The rows adoption creates, saved in bulk at the end."""

    translations: list = field(default_factory=list)
    strings: dict = field(default_factory=dict)  # (locale, string, context) → StringTranslation
    overrides: dict = field(default_factory=dict)  # (locale, context) → SegmentOverride

    def save(self, report, locales):
        """Create the rows; strings and overrides already recorded are kept as they are."""
        Translation.objects.bulk_create(self.translations)
        if self.strings:
            existing = set(
                StringTranslation.objects.filter(
                    context_id__in={key[2] for key in self.strings},
                    locale_id__in={key[0] for key in self.strings},
                ).values_list("locale_id", "translation_of_id", "context_id")
            )
            rows = [row for key, row in self.strings.items() if key not in existing]
            StringTranslation.objects.bulk_create(rows)
            report.strings.update(locales[row.locale_id] for row in rows)
        if self.overrides:
            existing = set(
                SegmentOverride.objects.filter(
                    context_id__in={key[1] for key in self.overrides},
                    locale_id__in={key[0] for key in self.overrides},
                ).values_list("locale_id", "context_id")
            )
            rows = [row for key, row in self.overrides.items() if key not in existing]
            SegmentOverride.objects.bulk_create(rows)
            report.overrides.update(locales[row.locale_id] for row in rows)


def _match(source, target, locales, new, report):
    language = locales[target.locale_id]
    item = f"{type(target).__name__} {target}"
    positions = _positions(target)
    target_strings = defaultdict(list)
    target_overridables = {}
    for segment in extract_segments(target):
        path = _normalise(segment.path, positions)
        if isinstance(segment, StringSegmentValue):
            target_strings[path].append(segment)
        elif isinstance(segment, OverridableSegmentValue) and path is not None:
            target_overridables[path] = segment

    def unmatched(segments, path, reason):
        report.unmatched[language] += len(segments)
        report.details.append((language, item, path, reason))

    if source.unknown:
        unmatched(source.unknown, "", UNKNOWN_PATH)
    for path, source_segments in source.strings.items():
        target_segments = target_strings.pop(path, [])
        if not target_segments:
            unmatched(source_segments, path, MISSING)
            continue
        if len(target_segments) != len(source_segments):
            unmatched(source_segments, path, SHAPE)
            continue
        for source_segment, target_segment in zip(source_segments, target_segments, strict=True):
            key = (target.locale_id, source_segment.string_id, source_segment.context_id)
            data = target_segment.string.data
            if not _valid(source_segment.string.data, data):
                unmatched([source_segment], path, INVALID)
            elif key in new.strings:
                if new.strings[key].data != data:
                    unmatched([source_segment], path, DUPLICATE)
            else:
                new.strings[key] = StringTranslation(
                    translation_of_id=source_segment.string_id,
                    locale_id=target.locale_id,
                    context_id=source_segment.context_id,
                    data=data,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                )
                _link_overrides(source, source_segment, target_segment, target, new)
    for path, segments in target_strings.items():
        report.extra[language] += len(segments)
        report.details.append((language, item, path or "", "no source string here"))
    _value_overrides(source, target_overridables, target, new)
    new.translations.append(
        Translation(source=source.record, target_locale_id=target.locale_id, enabled=True)
    )
    report.adopted[language] += 1


def _valid(source_data, data):
    """Would wagtail-localize use this translation (well-formed, only the source's links)?"""
    if "<" not in data:  # plain text: nothing to check (and parsing hundreds of them is slow)
        return True
    try:
        StringValue.from_translated_html(data)
        validate_translation_links(source_data, data)
    except ValueError:
        return False
    return True


def _override(new, target, context_id, value):
    new.overrides.setdefault(
        (target.locale_id, context_id),
        SegmentOverride(
            locale_id=target.locale_id,
            context_id=context_id,
            data_json=json.dumps(value, cls=DjangoJSONEncoder),
        ),
    )


def _value_overrides(source, target_overridables, target, new):
    """Keep the target's own choice where it differs from the source: a page chosen in the
    target language, another URL…  (Sync would otherwise copy the English value.)"""
    for path, segment in source.overridables.items():
        if path.endswith("'"):  # a rich-text link, handled with its string (_link_overrides)
            continue
        target_segment = target_overridables.get(path)
        if target_segment is not None and target_segment.data != segment.data:
            _override(new, target, segment.context_id, target_segment.data)


def _link_overrides(source, source_segment, target_segment, target, new):
    """A link in the target's text that goes elsewhere than the source's keeps its address."""
    source_attrs = json.loads(source_segment.attrs or "null") or {}
    for element, attrs in (target_segment.attrs or {}).items():
        source_href = source_attrs.get(element, {}).get("href")
        href = attrs.get("href")
        if source_href and href and href != source_href:
            path = f"{source_segment.context.path}.{quote_path_component(source_href)}"
            overridable = source.overridables_by_path.get(path)
            if overridable is not None:
                _override(new, target, overridable.context_id, href)


# --- Checking --------------------------------------------------------------------------------


def pending_sync_changes(translation):
    """Names of the target's fields that syncing ``translation`` now would change.

    Builds the target as "Sync translated pages" would (wagtail-localize's ephemeral
    translation: synchronised fields copied from the source, recorded strings and overrides
    applied, the source's text where none is recorded) without saving it, and compares it with
    the target as it is. After adoption, text fields should never be listed; what is listed are
    values wagtail-localize copies from the source (tags, synchronised choices…) or rewrites
    (slugs it cannot keep).
    """
    source = translation.source
    current = source.get_translated_instance(translation.target_locale)
    after = source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
    now, then = _comparable(current), _comparable(after)
    changed = [name for name, value in now.items() if then.get(name) != value]
    # create_or_update_translation() slugifies the translated slug before saving a page.
    if (
        isinstance(after, Page)
        and "slug" not in changed
        and localize_models.slugify(after.slug) != current.slug
    ):
        changed.append("slug")
    return changed


def _comparable(instance):
    """The values of ``instance``'s translatable and synchronised fields, ids left out."""
    values = {}
    for translatable_field in get_translatable_fields(type(instance)):
        model_field = translatable_field.get_field(type(instance))
        if isinstance(model_field, StreamField):
            value = model_field.stream_block.get_prep_value(model_field.value_from_object(instance))
        elif model_field.one_to_many and isinstance(
            getattr(model_field, "remote_field", None), ParentalKey
        ):
            skip = {"id", "pk", "translation_key", "locale", model_field.remote_field.name}
            value = [
                {k: v for k, v in get_serializable_data_for_fields(child).items() if k not in skip}
                for child in getattr(instance, model_field.name).all()
            ]
        elif model_field.many_to_many:
            value = sorted(item.pk for item in getattr(instance, model_field.name).all())
        elif model_field.concrete:
            value = model_field.value_from_object(instance)
            if isinstance(value, datetime) and timezone.is_aware(value):
                value = value.astimezone(UTC)  # the same moment, however it was loaded
        else:
            continue
        values[model_field.name] = _without_ids(
            json.loads(json.dumps(value, cls=DjangoJSONEncoder))
        )
    return values


def _without_ids(value):
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    return value
