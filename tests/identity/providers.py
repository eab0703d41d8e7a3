"""Identity providers on loopback for the single sign-on tests.

`RealProvider` runs the OpenID Certified npm `oidc-provider` (tests/identity/oidc_provider.mjs)
in Node. `CraftedProvider` is a tiny provider in this process that signs ID tokens with a real
RSA key but can be told to make them wrong in the ways a conforming provider never would
(expired, for another audience, tampered with), to prove Civic P3 refuses them.
"""

import base64
import json
import os
import secrets
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RealProvider:
    def __init__(self, *, clients: list[dict[str, Any]], accounts: dict[str, Any]) -> None:
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "OIDC_PORT": str(self.port),
            "OIDC_CLIENTS": json.dumps(clients),
            "OIDC_ACCOUNTS": json.dumps(accounts),
            # The tests' clock (frozen or not): the provider dates its tokens by it too.
            "OIDC_NOW_MS": str(int(time.time() * 1000)),
            "NODE_PATH": str(ROOT / "node_modules"),
        }
        self.process = subprocess.Popen(
            ["node", str(SCRIPT)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if line.strip() != "ready":
            self.stop()
            raise RuntimeError(f"oidc-provider did not start: {line!r}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class CraftedProvider:
    """Set `mode` to "good", "expired", "wrong_audience" or "tampered" before a sign-in."""

    def __init__(self, *, client_id: str, email: str) -> None:
        self.client_id, self.email, self.mode = client_id, email, "good"
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, str] = {}  # code -> nonce
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": "crafted-1",
            "aud": "someone-else" if self.mode == "wrong_audience" else self.client_id,
            "iat": now - 7200 if self.mode == "expired" else now,
            "exp": now - 3600 if self.mode == "expired" else now + 300,
            "nonce": nonce,
            "email": self.email,
            "email_verified": True,
        }
        token = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": "k1"})
        if self.mode == "tampered":
            header, _, signature = token.split(".")
            forged = {**claims, "email": "someone.else@alpha.example"}
            body = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
            token = f"{header}.{body}.{signature}"
        return token

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _json(self, document: dict[str, Any]) -> None:
                body = json.dumps(document).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    self._json(
                        {
                            "issuer": provider.issuer,
                            "authorization_endpoint": f"{provider.issuer}/authorize",
                            "token_endpoint": f"{provider.issuer}/token",
                            "jwks_uri": f"{provider.issuer}/jwks",
                        }
                    )
                elif url.path == "/jwks":
                    numbers = provider.key.public_key().public_numbers()
                    key = {"kty": "RSA", "kid": "k1", "alg": "RS256", "use": "sig"}
                    self._json({"keys": [{**key, "n": _b64(numbers.n), "e": _b64(numbers.e)}]})
                elif url.path == "/authorize":
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = query.get("nonce", "")
                    back = urlencode({"code": code, "state": query["state"]})
                    self.send_response(302)
                    self.send_header("Location", f"{query['redirect_uri']}?{back}")
                    self.end_headers()
                else:
                    self.send_error(404)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                nonce = provider.codes.pop(form.get("code", ""), None)
                if self.path != "/token" or nonce is None:
                    self.send_error(400)
                    return
                self._json(
                    {
                        "access_token": "crafted",
                        "token_type": "Bearer",
                        "id_token": provider.id_token(nonce),
                    }
                )

        return Handler
