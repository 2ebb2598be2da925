"""Admin and serving hooks of the site's foundation: document privacy, origin-checked page posts.

The translation workflow's hooks (status dashboard, submission, publish warning) live in
translations/wagtail_hooks.py.
"""

from wagtail import hooks

from home.document_access import refuse_unpublished
from home.same_origin import check_page_post

hooks.register("before_serve_document", refuse_unpublished)


@hooks.register("before_serve_page")
def check_csrf_or_origin_of_page_posts(page, request, serve_args, serve_kwargs):
    return check_page_post(page, request)
