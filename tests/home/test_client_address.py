"""Whose address a request comes from: X-Forwarded-For believed only from TRUSTED_PROXIES."""

import pytest
from django.test import RequestFactory

from home.client_address import client_address


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    "trusted, remote, forwarded, expected",
    [
        ([], "203.0.113.7", "198.51.100.1", "203.0.113.7"),  # no proxy configured: header ignored
        (["127.0.0.1"], "203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not from the proxy
        (["127.0.0.1"], "127.0.0.1", "198.51.100.1", "198.51.100.1"),
        # A client-written value left of the proxy's entry is not believed.
        (["127.0.0.1"], "127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        # Two proxies in a row (CDN network, then the local proxy).
        (["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", "198.51.100.1, 10.1.2.3", "198.51.100.1"),
        (["127.0.0.1"], "127.0.0.1", "garbage", "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", "", "127.0.0.1"),
        (["::1"], "::1", "2001:db8::5", "2001:db8::5"),
        (["not-an-address", "127.0.0.1"], "127.0.0.1", "198.51.100.1", "198.51.100.1"),
    ],
)
def test_client_address(settings, trusted, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    assert client_address(_request(remote, forwarded)) == expected


def test_no_remote_address():
    assert client_address(_request("")) == "unknown"
