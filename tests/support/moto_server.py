"""moto STS/IAM server for the tests: auth ENFORCED, CORS preflights answered, walkthrough world seeded.

Usage: python tests/support/moto_server.py [--port N] [--quiet]
  --port 0 (default) picks a free port. Listens on 127.0.0.1 only.
  Prints exactly one JSON line on stdout once it is serving (see seed() for the fields), then serves
  until SIGTERM/SIGINT or until its stdin reaches EOF (the parent died: never leave a stray server).

Why not `moto_server` + INITIAL_NO_AUTH_ACTION_COUNT: counting the unauthenticated seeding calls is
brittle. Instead the world is seeded in-process through moto's backend API (never over HTTP), and auth
is on for every HTTP request from the first one.
"""

import argparse
import json
import logging
import os
import signal
import sys
import threading

# Must be set before moto is imported: settings are read at import time.
os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "0"  # every HTTP request is authenticated
os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"  # AmazonRDSReadOnlyAccess must exist
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from moto import settings  # noqa: E402
from moto.iam.models import iam_backends  # noqa: E402
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
    return {"region": REGION, "account": ACCOUNT, "bob": bob, "alice": alice, "admin": admin, "roles": roles,
            "chainSessionName": CHAIN_SESSION, "policyArn": policy.arn}


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
        if "HTTP_AUTHORIZATION" not in environ and "X-Amz-Credential" not in environ.get("QUERY_STRING", ""):
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
    app = Cors(DomainDispatcherApplication(create_backend_app))
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
