import base64
import hashlib
import http.server
import os
import secrets
import socketserver
import threading
import webbrowser
import http
from urllib.parse import parse_qs, urlsplit

import requests

from pairprog.io import InputOutput


def pick_default_model(args, io: InputOutput, analytics) -> str | None:
    """
    Choose a model when the user named none: a router key first, then each provider's key
    found in the environment, in order of preference.
    """
    if args.model:
        return None

    router_key = os.environ.get("MODELROUTER_API_KEY")
    if router_key:
        if router_has_credit(router_key):
            return "modelrouter/frontier/sonnet-5"
        return "modelrouter/open/qwen3-coder:free"

    # The first provider whose key is set decides the model
    model_key_pairs = [
        ("CLAUDE_API_KEY", "sonnet"),
        ("DEEPSEEK_API_KEY", "deepseek-v3"),
        ("CHAT_API_KEY", "mini-2"),
        ("GEMINI_API_KEY", "gemini/gemini-3-pro-preview-11-2025"),
        ("VERTEXAI_PROJECT", "vertex_ai/gemini-3-pro-preview-11-2025"),
    ]

    for variable, model_name in model_key_pairs:
        if os.environ.get(variable):
            return model_name

    return None


def router_has_credit(api_key: str) -> bool:
    """True when the router account behind `api_key` has paid credit left."""
    try:
        reply = requests.get(
            "https://router.example/api/v1/credits",
            headers={"Authorization": "Bearer " + api_key},
            timeout=5,
        )
        reply.raise_for_status()
        return reply.json().get("data", {}).get("remaining", 0) > 0
    except requests.RequestException:
        return False


def pkce_pair() -> tuple[str, str]:
    """A PKCE code verifier and its S256 challenge, for the browser sign-in."""
    verifier = secrets.token_urlsafe(64)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return verifier, challenge


def sign_in_with_browser(io: InputOutput, port: int = 8484) -> str | None:
    """Open the router's sign-in page and wait for the key it sends back to localhost."""
    verifier, challenge = pkce_pair()
    received: dict[str, str] = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            query = parse_qs(urlsplit(self.path).query)
            if "code" in query:
                received["code"] = query["code"][0]
            self.send_response(http.HTTPStatus.OK)
            self.end_headers()
            self.wfile.write(b"You can close this tab now.")

        def log_message(self, *args):
            pass

    with socketserver.TCPServer(("localhost", port), Handler) as server:
        threading.Thread(target=server.handle_request, daemon=True).start()
        url = f"https://router.example/auth?callback_url=http://localhost:{port}/callback&code_challenge={challenge}&code_challenge_method=S256"
        io.tool_output(f"Opening {url}")
        webbrowser.open(url)
        server.timeout = 300
        server.handle_request()

    if "code" not in received:
        io.tool_error("Sign-in timed out.")
        return None
    reply = requests.post(
        "https://router.example/api/v1/auth/keys",
        json={"code": received["code"], "code_verifier": verifier, "code_challenge_method": "S256"},
        timeout=30,
    )
    reply.raise_for_status()
    return reply.json()["key"]
