"""Helpers of the runtime tests: settings evaluated under a given environment."""

import importlib
import os
import sys
from types import SimpleNamespace
from unittest import mock


def settings_under(module, **environ):
    """The names defined by settings `module` imported with `environ` (None: unset); Django unchanged."""
    names = [name for name in sys.modules if name.startswith("config.settings.")]
    saved = {name: sys.modules.pop(name) for name in names}
    try:
        given = {name: value for name, value in environ.items() if value is not None}
        with mock.patch.dict(os.environ, given):
            for name, value in environ.items():
                if value is None:
                    os.environ.pop(name, None)
            loaded = importlib.import_module(module)
            return SimpleNamespace(**{k: v for k, v in vars(loaded).items() if k.isupper()})
    finally:
        for name in [name for name in sys.modules if name.startswith("config.settings.")]:
            del sys.modules[name]
        sys.modules.update(saved)
