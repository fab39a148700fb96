"""IPv4 and IPv6 addresses, validated with the standard library's `ipaddress`."""

from __future__ import annotations

import ipaddress

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer


def valid_ip_address(value: str) -> bool:
    """True when `value` parses as an IPv4 or IPv6 address (bare "::" does not count)."""
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return sum(ch.isalnum() for ch in value) >= 2


def ip_address_recognizer() -> PatternRecognizer:
    """IP addresses; a malformed one near "IP" is still redacted."""
    return PatternRecognizer(
        name="ip_address",
        entity_type=EntityType.IP_ADDRESS,
        patterns=(
            Pattern("ipv4", r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)", 0.85),
            Pattern(
                "ipv6",
                r"(?i)(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{0,4}|(?:\d{1,3}\.){3}\d{1,3})(?![\w:])",
                0.85,
            ),
        ),
        context=("ip", "ip-adress", "ip address", "ipv4", "ipv6", "router", "server"),
        validate=valid_ip_address,
        invalid_score=0.4,
    )
