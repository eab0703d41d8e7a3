"""The client's address, which the sign-in lockout and the public forms' hourly limit count.

Without a proxy it is the connection's own address (REMOTE_ADDR), and X-Forwarded-For is
ignored: any client can send that header. Behind the documented HTTPS proxy
(BEHIND_HTTPS_PROXY) every connection comes from the proxy, so the address is taken from
X-Forwarded-For instead: each trusted proxy appends the address it saw on the right, so the
client is the TRUSTED_PROXY_COUNT-th entry from the right (the right-most with one proxy).
Entries further left are whatever the client sent and are never read, so a forged
left-most entry changes nothing. A header too short, or an entry that is not an address,
falls back to REMOTE_ADDR: every such request then shares the proxy's count, never escapes it.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent `request`, as the trusted proxy saw it."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if not settings.BEHIND_HTTPS_PROXY:
        return remote
    hops = [hop.strip() for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    if len(hops) < settings.TRUSTED_PROXY_COUNT:
        return remote
    candidate = hops[-settings.TRUSTED_PROXY_COUNT]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
