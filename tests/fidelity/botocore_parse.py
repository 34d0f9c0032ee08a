"""botocore's own response parser (QueryParser, the awsQuery protocol) as the oracle for the corpus.

Reads a JSON list of {"op", "status", "headers", "body"} on stdin; prints for each what botocore makes of
it: the output members (timestamps as YYYY-MM-DDTHH:MM:SSZ, UTC, fraction dropped) or the Error
(Code, Message) and ResponseMetadata (RequestId from the body, else the x-amzn-requestid header).
"""

import datetime
import json
import sys

import botocore.session
from botocore.parsers import QueryParser


def plain(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def main():
    model = botocore.session.get_session().get_service_model("sts")
    out = []
    for entry in json.load(sys.stdin):
        shape = model.operation_model(entry["op"]).output_shape
        response = {"body": entry["body"].encode("utf-8"), "headers": entry["headers"], "status_code": entry["status"]}
        parsed = QueryParser().parse(response, shape)
        meta = parsed.pop("ResponseMetadata", {})
        out.append({"parsed": plain(parsed), "requestId": meta.get("RequestId")})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
