from wagtail import hooks

from .document_access import refuse_unpublished

hooks.register("before_serve_document", refuse_unpublished)
