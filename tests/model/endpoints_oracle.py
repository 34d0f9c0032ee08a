"""botocore as the endpoint oracle: for every region of every partition in botocore's own data, with and
without FIPS and dual-stack, the STS URL and signing region botocore's endpoint rules resolve. Prints JSON
lines {region, fips, dualStack, url, signingRegion} or {…, error}. Nothing is sent: resolution only."""
import json
import sys

import botocore.session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

session = botocore.session.get_session()
data = session.get_data("partitions")
regions = [r for p in data["partitions"] for r in p["regions"]]
# Regions no partition lists, that fall to the patterns (or to the aws default).
regions += ["eu-west-9", "us-gov-north-7", "cn-south-3", "us-isob-west-5", "eusc-de-west-2", "me-west-4"]

for region in regions:
    for fips in (False, True):
        for dual in (False, True):
            row = {"region": region, "fips": fips, "dualStack": dual}
            try:
                client = session.create_client(
                    "sts",
                    region_name=region,
                    aws_access_key_id="AKIDEXAMPLE",
                    aws_secret_access_key="x",
                    config=Config(use_fips_endpoint=fips, use_dualstack_endpoint=dual),
                )
                resolved = client._ruleset_resolver.construct_endpoint(
                    client.meta.service_model.operation_model("GetCallerIdentity"), {}, None
                )
                row["url"] = resolved.url
                schemes = resolved.properties.get("authSchemes") or [{}]
                row["signingRegion"] = schemes[0].get("signingRegion", region)
            except (BotoCoreError, ClientError, ValueError) as e:
                row["error"] = type(e).__name__
            print(json.dumps(row))
sys.stdout.flush()
