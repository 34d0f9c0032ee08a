"""moto STS/IAM server for the tests: auth ENFORCED, CORS preflights answered, walkthrough world seeded.

Usage: python tests/support/moto_server.py [--port N] [--quiet]
  --port 0 (default) picks a free port. Listens on 127.0.0.1 only.
  Prints exactly one JSON line on stdout once it is serving (see seed() for the fields), then serves
  until SIGTERM/SIGINT or until its stdin reaches EOF (the parent died: never leave a stray server).

Why not `moto_server` + INITIAL_NO_AUTH_ACTION_COUNT: counting the unauthenticated seeding calls is
brittle. Instead the world is seeded in-process through moto's backend API (never over HTTP), and auth
is on for every HTTP request from the first one.

Two STS actions are unsigned in real STS (AssumeRoleWithWebIdentity, AssumeRoleWithSAML: the token or the
assertion is the credential). moto with auth on crashes on any request without an Authorization header,
so `Unsigned` runs exactly those two, and only when they really arrive unsigned, with moto's auth switched
off for that one call (an exclusive lock: no signed request is in flight meanwhile, so none skips auth).
moto checks neither the OIDC token nor the SAML signature, nor a federated trust policy; and its SAML
action takes the role from the assertion and crashes on a Role attribute with several values, so
`saml_like_sts` makes it behave like STS for the pair the request names (see there).
"""

import argparse
import base64
import io
import json
import logging
import os
import signal
import sys
import threading
import urllib.parse
import xml.etree.ElementTree as ET

# Must be set before moto is imported: settings are read at import time.
os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "0"  # every HTTP request is authenticated
os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"  # AmazonRDSReadOnlyAccess must exist
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from moto import settings  # noqa: E402
from moto.iam.models import iam_backends  # noqa: E402
from moto.sts.exceptions import STSClientError  # noqa: E402
from moto.sts.models import STSBackend  # noqa: E402
from moto.moto_server.werkzeug_app import (  # noqa: E402
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server  # noqa: E402

ACCOUNT = "123456789012"
REGION = "us-east-1"
# A role session of example-role with THIS session name may chain into chained-role. moto compares trust
# principals literally against the caller's ARN, and for a role session that is the session ARN
# (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), not the role ARN that real AWS also accepts.
CHAIN_SESSION = "chain-source"

CORS_ALLOW_HEADERS = ", ".join([
    "authorization", "content-type", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256",
    "x-amz-user-agent", "amz-sdk-invocation-id", "amz-sdk-request", "amz-sdk-retry",
])
CORS_EXPOSE_HEADERS = "date, x-amzn-requestid, x-amz-request-id"


def doc(statements):
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def trust(*principals):
    return doc([{"Effect": "Allow", "Principal": {"AWS": list(principals)}, "Action": "sts:AssumeRole"}])


# The keyless world: an OIDC provider (as GitHub Actions' or an EKS cluster's) and a SAML provider, each
# trusted by roles. Tokens and assertions are built by the tests (tests/support/keyless-fixtures.mjs).
OIDC_ISSUER = "token.actions.githubusercontent.com"
OIDC_AUDIENCE = "sts.amazonaws.com"
SAML_PROVIDER = "ExampleIdP"
SAML_ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role"
SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion"


def federated_trust(provider_arn, action):
    return doc([{"Effect": "Allow", "Principal": {"Federated": provider_arn}, "Action": action}])


def seed():
    """Create the AWS CLI "assume an IAM role" walkthrough world; return what tests need to know."""
    iam = iam_backends[ACCOUNT]["global"]
    arn = lambda kind, name: f"arn:aws:iam::{ACCOUNT}:{kind}/{name}"  # noqa: E731

    def user(name):
        iam.create_user(REGION, name)
        key = iam.create_access_key(name)
        return {"accessKeyId": key.access_key_id, "secretAccessKey": key.secret_access_key,
                "arn": arn("user", name)}

    def role(name, trust_doc):
        iam.create_role(name, trust_doc, "/", None, "", [], None)
        return arn("role", name)

    bob, alice = user("Bob"), user("Alice")
    # An administrator, for tests that apply IAM changes with the real AWS CLI (err.fix's commands).
    admin = user("Admin")
    iam.attach_user_policy("arn:aws:iam::aws:policy/AdministratorAccess", "Admin")
    roles = {
        "example": role("example-role", trust(bob["arn"])),
        # Trusts Alice only: Bob's identity policy allows the call, the trust policy refuses it.
        "untrusted": role("untrusted-role", trust(alice["arn"])),
        "chained": role("chained-role", trust(
            arn("role", "example-role"),  # what real AWS matches; moto does not
            f"arn:aws:sts::{ACCOUNT}:assumed-role/example-role/{CHAIN_SESSION}",
        )),
    }
    # moto enforces identity policies as well as trust policies, so every allowed call is listed.
    policy = iam.create_policy("", "/", doc([
        {"Effect": "Allow", "Action": "sts:AssumeRole",
         "Resource": [roles["example"], roles["untrusted"]]},
        {"Effect": "Allow", "Action": ["sts:GetCallerIdentity", "sts:GetSessionToken", "sts:GetFederationToken", "sts:GetAccessKeyInfo"], "Resource": "*"},
    ]), "example-policy", [])
    iam.attach_user_policy(policy.arn, "Bob")
    # Alice may only ask who she is (moto always allows GetCallerIdentity anyway): no sts:AssumeRole.
    iam.put_user_policy("Alice", "whoami-only", doc([
        {"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"}]))
    iam.attach_role_policy("arn:aws:iam::aws:policy/AmazonRDSReadOnlyAccess", "example-role")
    iam.put_role_policy("example-role", "may-chain", doc([
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": roles["chained"]}]))

    oidc = iam.create_open_id_connect_provider(f"https://{OIDC_ISSUER}", ["6938fd4d98bab03faadb97b34396831e3780aea1"],
                                               [OIDC_AUDIENCE], [])
    saml = iam.create_saml_provider(SAML_PROVIDER, "<EntityDescriptor entityID='http://idp.example/'/>")
    roles["web"] = role("web-role", federated_trust(oidc.arn, "sts:AssumeRoleWithWebIdentity"))
    roles["saml"] = role("saml-role", federated_trust(saml.arn, "sts:AssumeRoleWithSAML"))
    roles["samlReadOnly"] = role("saml-readonly", federated_trust(saml.arn, "sts:AssumeRoleWithSAML"))
    for name in ("web-role", "saml-role", "saml-readonly"):
        iam.attach_role_policy("arn:aws:iam::aws:policy/AmazonRDSReadOnlyAccess", name)
    return {"region": REGION, "account": ACCOUNT, "bob": bob, "alice": alice, "admin": admin, "roles": roles,
            "chainSessionName": CHAIN_SESSION, "policyArn": policy.arn,
            "oidc": {"providerArn": oidc.arn, "issuer": f"https://{OIDC_ISSUER}", "audience": OIDC_AUDIENCE},
            "saml": {"providerArn": saml.arn}}


_moto_assume_role_with_saml = STSBackend.assume_role_with_saml


def saml_like_sts(self, **kwargs):
    """STS assumes the RoleArn the request names, provided the assertion's Role attribute lists that
    (role, provider) pair in either order; otherwise AccessDenied. moto instead takes the first value of
    the attribute (crashing on more than one). So: check the pair as STS does, then hand moto a copy of
    the assertion whose Role attribute holds just that pair. Signatures stay unchecked (moto's limit)."""
    root = ET.fromstring(base64.b64decode(kwargs["saml_assertion"]))
    wanted = {kwargs["role_arn"], kwargs["principal_arn"]}
    role_attrs = [a for a in root.iter(f"{{{SAML_NS}}}Attribute") if a.get("Name") == SAML_ROLE_ATTRIBUTE]
    values = [v for a in role_attrs for v in a.findall(f"{{{SAML_NS}}}AttributeValue")]
    if not any({p.strip() for p in (v.text or "").split(",")} == wanted for v in values):
        raise STSClientError("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML")
    for attr in role_attrs:
        for v in attr.findall(f"{{{SAML_NS}}}AttributeValue"):
            attr.remove(v)
    ET.SubElement(role_attrs[0], f"{{{SAML_NS}}}AttributeValue").text = f"{kwargs['role_arn']},{kwargs['principal_arn']}"
    kwargs["saml_assertion"] = base64.b64encode(ET.tostring(root)).decode()
    return _moto_assume_role_with_saml(self, **kwargs)


STSBackend.assume_role_with_saml = saml_like_sts


class AuthGate:
    """Many signed requests at once, or one unsigned federation call alone (a readers-writer lock):
    moto's auth switch is process-wide, so no signed request may run while it is off."""

    def __init__(self):
        self.cond = threading.Condition()
        self.signed = 0
        self.unsigned = False

    def run_signed(self, fn):
        with self.cond:
            self.cond.wait_for(lambda: not self.unsigned)
            self.signed += 1
        try:
            return fn()
        finally:
            with self.cond:
                self.signed -= 1
                self.cond.notify_all()

    def run_unsigned(self, fn):
        with self.cond:
            self.cond.wait_for(lambda: not self.unsigned and self.signed == 0)
            self.unsigned = True
        saved = settings.INITIAL_NO_AUTH_ACTION_COUNT
        settings.INITIAL_NO_AUTH_ACTION_COUNT = float("inf")
        try:
            return fn()
        finally:
            settings.INITIAL_NO_AUTH_ACTION_COUNT = saved
            with self.cond:
                self.unsigned = False
                self.cond.notify_all()


UNSIGNED_ACTIONS = {"AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"}


def is_signed(environ):
    return "HTTP_AUTHORIZATION" in environ or "X-Amz-Credential" in environ.get("QUERY_STRING", "")


def unsigned_action(environ):
    """True for an unsigned POST of one of UNSIGNED_ACTIONS. Reads the form body and puts it back."""
    if "arw.unsigned_action" not in environ:
        found = False
        if not is_signed(environ) and environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length > 0 else b""
            environ["wsgi.input"] = io.BytesIO(body)
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
            found = form.get("Action", [""])[0] in UNSIGNED_ACTIONS
        environ["arw.unsigned_action"] = found
    return environ["arw.unsigned_action"]


class Unsigned:
    """Runs the unsigned STS actions with moto's auth off (see the module docstring); every other
    request goes through with auth on. The response body is read inside the gate: WSGI apps may
    produce it lazily."""

    def __init__(self, app):
        self.app = app
        self.gate = AuthGate()

    def __call__(self, environ, start_response):
        def call():
            return list(self.app(environ, start_response))

        if unsigned_action(environ):
            return self.gate.run_unsigned(call)
        return self.gate.run_signed(call)


class Cors:
    """Answers CORS preflights itself (moto, with auth on, fails an unsigned OPTIONS with a 500) and puts
    the CORS headers a browser needs on every response, replacing flask-cors' copies."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        origin = environ.get("HTTP_ORIGIN")
        allow_origin = origin or "*"
        if environ["REQUEST_METHOD"] == "OPTIONS":
            start_response("204 No Content", [
                ("Access-Control-Allow-Origin", allow_origin),
                ("Access-Control-Allow-Methods", "POST, GET, OPTIONS"),
                ("Access-Control-Allow-Headers", CORS_ALLOW_HEADERS),
                ("Access-Control-Max-Age", "600"),
                ("Vary", "Origin"),
                ("Content-Length", "0"),
            ])
            return [b""]
        if not is_signed(environ) and not unsigned_action(environ):
            # moto routes an unsigned request to S3 and crashes (500, no CORS headers); real STS says this:
            body = (b'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>'
                    b"<Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token"
                    b"</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>")
            start_response("403 Forbidden", [
                ("Content-Type", "text/xml"), ("Content-Length", str(len(body))),
                ("Access-Control-Allow-Origin", allow_origin),
                ("Access-Control-Expose-Headers", CORS_EXPOSE_HEADERS), ("Vary", "Origin")])
            return [body]

        def cors_start_response(status, headers, exc_info=None):
            headers = [(k, v) for k, v in headers if not k.lower().startswith("access-control-")]
            headers += [("Access-Control-Allow-Origin", allow_origin),
                        ("Access-Control-Expose-Headers", CORS_EXPOSE_HEADERS), ("Vary", "Origin")]
            return start_response(status, headers, exc_info)

        return self.app(environ, cors_start_response)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--quiet", action="store_true", help="no per-request log lines on stderr")
    args = ap.parse_args()
    if args.quiet:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)

    info = seed()
    assert settings.INITIAL_NO_AUTH_ACTION_COUNT == 0, "auth must be enforced from the first request"
    app = Cors(Unsigned(DomainDispatcherApplication(create_backend_app)))
    server = make_server("127.0.0.1", args.port, app, threaded=True, request_handler=MotoRequestHandler)
    port = server.server_port

    def stop(*_):
        os._exit(0)  # serve_forever threads are not worth a graceful join in a test fixture

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # Parent-death watchdog: the Node harness keeps our stdin open; EOF means it is gone.
    if not sys.stdin.isatty():
        threading.Thread(target=lambda: (sys.stdin.buffer.read(), stop()), daemon=True).start()

    info.update(port=port, endpoint=f"http://127.0.0.1:{port}")
    sys.stdout.write(json.dumps(info) + "\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
