"""Typed reads of environment variables; every variable is listed in .env.example."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_number(name, default, kind, described):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return kind(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be {described}, got {value!r}.") from exc


def env_int(name, default):
    return _env_number(name, default, int, "an integer")


def env_float(name, default):
    return _env_number(name, default, float, "a number")


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None or value == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name, choices, default):
    """The value of `name`, which must be one of `choices` (a clear error otherwise)."""
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; got {value!r}.")
    return value
