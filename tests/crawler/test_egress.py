"""The egress policy on addresses and URLs: what may be fetched at all."""

from __future__ import annotations

import re

import pytest

from newsmon.crawler.egress import EgressRefused, check_url, is_public_address


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "100.100.100.200",  # carrier-grade NAT, a cloud metadata address
    "192.0.0.8", "192.88.99.1",       # IETF protocol block, 6to4 relay anycast
    "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1",
    "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
    "2002:7f00:1::1",                 # 6to4 form of 127.0.0.1
    "2002:a00:1::1",                  # 6to4 form of 10.0.0.1
    "64:ff9b::7f00:1",                # NAT64 form of 127.0.0.1
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo whose client is 127.0.0.1
])
def test_internal_addresses_are_not_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "203.113.1.5", "2001:4860:4860::8888",
                                     "2002:808:808::1", "64:ff9b::808:808"])
def test_public_addresses_are_public(address):
    assert is_public_address(address)


@pytest.mark.parametrize("url, why", [
    ("ftp://example.vn/feed", "not an http(s) URL"),
    ("file:///etc/passwd", "not an http(s) URL"),
    ("http://[::1/", "not a valid URL"),
    ("http://example.vn:99999/", "not a valid URL"),
    ("http://example.vn:6379/", "uses port 6379"),
    ("http://127.0.0.1/", "not a public address"),
    ("http://[::ffff:7f00:1]/", "not a public address"),
    ("http://100.100.100.200/latest/meta-data/", "not a public address"),
    ("https://example.vn/a\nb", "control character"),
])
def test_urls_the_policy_refuses(url, why):
    with pytest.raises(EgressRefused, match=re.escape(why)):
        check_url(url)


def test_allow_private_is_the_only_way_round_it():
    assert check_url("http://127.0.0.1:6379/", allow_private=True).port == 6379
    with pytest.raises(EgressRefused):
        check_url("gopher://127.0.0.1/", allow_private=True)


def test_public_names_pass_on_form_alone():
    assert check_url("https://baotintuc.vn/thoi-su.htm").hostname == "baotintuc.vn"
