"""The address of the client behind a request: the one place that decides whom to believe.

``X-Forwarded-For`` is trivially forged, so it is read only when the request came from an address in
``TRUSTED_PROXIES`` (comma-separated addresses or networks, e.g. ``127.0.0.1,10.0.0.0/8``). The header
is read from the right: every hop that is itself a trusted proxy is skipped, and the first one that is
not is the client. Used by the application-form rate limit and the admin login throttle.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(configured):
    networks = []
    for item in configured:
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            continue  # a typo in the setting must not make every address trusted
    return tuple(networks)


def _parse(value):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def trusted_proxies():
    """The configured proxy networks (``TRUSTED_PROXIES``; a list or a comma-separated string)."""
    configured = getattr(settings, "TRUSTED_PROXIES", ()) or ()
    if isinstance(configured, str):
        configured = configured.split(",")
    return _networks(tuple(item for item in configured if item.strip()))


def is_trusted_proxy(address):
    networks = trusted_proxies()
    return address is not None and any(address in network for network in networks)


def client_address(request):
    """The client's IP address as a string ("unknown" if the server gave none)."""
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return "unknown"
    if not is_trusted_proxy(remote):
        return str(remote)
    client = remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break  # garbage further left was written by the client: keep the last proxy's view
        client = address
        if not is_trusted_proxy(address):
            break
    return str(client)
