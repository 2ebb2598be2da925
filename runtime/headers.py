"""The Permissions-Policy header, which Django does not write itself (settings.PERMISSIONS_POLICY)."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` to every response that does not set one."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response
