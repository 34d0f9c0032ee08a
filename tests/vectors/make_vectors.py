"""Writes tests/vectors/sigv4.json: SigV4 golden vectors for STS POSTs, signed by botocore (an independent
signer: the one inside the AWS CLI and boto3) with a frozen clock. See README.md beside this file.

Run: .venv/bin/python tests/vectors/make_vectors.py   (deterministic: same botocore -> same bytes)
"""

import datetime
import json
import os
from unittest import mock
from urllib.parse import quote

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

TIMESTAMP = "20261128T120000Z"
FROZEN = datetime.datetime(2026, 11, 28, 12, 0, 0)  # naive UTC, as botocore's get_current_datetime returns
CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8"
# AWS's documented example keys: obviously not secrets.
AKID, SECRET = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
TEMP_AKID, TEMP_SECRET = "ASIAIOSFODNN7EXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
TOKEN = ("IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+example/token+with/slashes"
         "+and+plus==")


def form(*pairs):
    """application/x-www-form-urlencoded the way aws-sdk-rust's query serializer writes it: RFC 3986
    unreserved characters kept, everything else %XX (space is %20, not +), pairs in the order given."""
    return "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in pairs)


V = ("Version", "2011-06-15")
POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Action": ["s3:GetObject", "s3:List*"], "Resource": "arn:aws:s3:::my bucket/*"}]})

CASES = [
    ("get-caller-identity-us-east-1", "regional endpoint, long-term keys",
     "https://sts.us-east-1.amazonaws.com/", "us-east-1", AKID, SECRET, None,
     form(("Action", "GetCallerIdentity"), V)),
    ("assume-role-global-endpoint", "the global endpoint signs with us-east-1",
     "https://sts.amazonaws.com/", "us-east-1", AKID, SECRET, None,
     form(("Action", "AssumeRole"), ("RoleArn", "arn:aws:iam::123456789012:role/example-role"),
          ("RoleSessionName", "s1"), V)),
    ("assume-role-chained-session-token", "temporary source credentials: x-amz-security-token is signed",
     "https://sts.us-east-1.amazonaws.com/", "us-east-1", TEMP_AKID, TEMP_SECRET, TOKEN,
     form(("Action", "AssumeRole"), ("RoleArn", "arn:aws:iam::123456789012:role/chained-role"),
          ("RoleSessionName", "hop2"), ("DurationSeconds", "3600"), V)),
    ("get-session-token-eu-west-1", "another region in the scope",
     "https://sts.eu-west-1.amazonaws.com/", "eu-west-1", AKID, SECRET, None,
     form(("Action", "GetSessionToken"), ("DurationSeconds", "43200"), V)),
    ("assume-role-cn-north-1", "aws-cn partition host",
     "https://sts.cn-north-1.amazonaws.com.cn/", "cn-north-1", AKID, SECRET, None,
     form(("Action", "AssumeRole"), ("RoleArn", "arn:aws-cn:iam::123456789012:role/example-role"),
          ("RoleSessionName", "s1"), V)),
    ("get-caller-identity-fips", "FIPS host, region unchanged in the scope",
     "https://sts-fips.us-east-2.amazonaws.com/", "us-east-2", AKID, SECRET, None,
     form(("Action", "GetCallerIdentity"), V)),
    ("assume-role-us-gov-west-1", "aws-us-gov partition host",
     "https://sts.us-gov-west-1.amazonaws.com/", "us-gov-west-1", AKID, SECRET, None,
     form(("Action", "AssumeRole"), ("RoleArn", "arn:aws-us-gov:iam::123456789012:role/example-role"),
          ("RoleSessionName", "s1"), V)),
    ("assume-role-policy-percent-encoding", "JSON policy, tags, external id: body needs %-encoding",
     "https://sts.us-east-1.amazonaws.com/", "us-east-1", AKID, SECRET, None,
     form(("Action", "AssumeRole"), ("RoleArn", "arn:aws:iam::123456789012:role/example-role"),
          ("RoleSessionName", "alice@example.com"), ("ExternalId", "ext+id/=:1"), ("Policy", POLICY),
          ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "data & ml ünïcode"), V)),
    ("get-caller-identity-loopback-port", "endpoint override http://127.0.0.1:5000: the port is in host",
     "http://127.0.0.1:5000/", "us-east-1", AKID, SECRET, None,
     form(("Action", "GetCallerIdentity"), V)),
]


class Recording(botocore.auth.SigV4Auth):
    """SigV4Auth that keeps its intermediate strings, so a mismatch on the Rust side can be located."""

    def canonical_request(self, request):
        self.last_canonical = super().canonical_request(request)
        return self.last_canonical

    def string_to_sign(self, request, canonical_request):
        self.last_sts = super().string_to_sign(request, canonical_request)
        return self.last_sts


def sign(name, description, url, region, akid, secret, token, body):
    request = AWSRequest(method="POST", url=url, data=body.encode(), headers={"Content-Type": CONTENT_TYPE})
    signer = Recording(Credentials(akid, secret, token), "sts", region)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=FROZEN):
        signer.add_auth(request)
    assert request.headers["X-Amz-Date"] == TIMESTAMP
    # No payload-hash header: botocore (like aws-sigv4 for non-S3 services) does not send one for STS.
    assert "X-Amz-Content-SHA256" not in request.headers
    auth = request.headers["Authorization"]
    signed = auth.split("SignedHeaders=")[1].split(",")[0]
    host = botocore.auth._host_from_url(url)
    return {
        "name": name,
        "description": description,
        "input": {
            "accessKeyId": akid, "secretAccessKey": secret, "sessionToken": token,
            "region": region, "service": "sts", "method": "POST", "scheme": url.split(":")[0],
            "host": host, "path": "/", "contentType": CONTENT_TYPE, "body": body,
            "timestamp": TIMESTAMP, "epochSeconds": int(FROZEN.replace(tzinfo=datetime.timezone.utc).timestamp()),
        },
        "expected": {
            "authorization": auth,
            "x-amz-date": request.headers["X-Amz-Date"],
            "x-amz-security-token": request.headers.get("X-Amz-Security-Token"),
            "signedHeaders": signed.split(";"),
            "signature": auth.rsplit("Signature=", 1)[1],
            "canonicalRequest": signer.last_canonical,
            "stringToSign": signer.last_sts,
        },
    }


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sigv4.json")
    cases = [sign(*c) for c in CASES]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(cases, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {out} (botocore {botocore.__version__})")


if __name__ == "__main__":
    main()
