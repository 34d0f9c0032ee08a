"""botocore's own client-side validation, as an oracle independent of this project.

Reads a JSON list of {"op": "AssumeRole", "params": {...model member names...}} on stdin and prints, for
each, the errors botocore's ParamValidator reports (required members, types, and `min` of strings, lists
and integers; it checks neither `max` nor `pattern`). Strings are measured with Python's len(): Unicode
code points, so an astral character counts once (UTF-16 would count it twice).
"""

import json
import sys

import botocore
import botocore.session
from botocore.validate import ParamValidator


def main():
    cases = json.load(sys.stdin)
    model = botocore.session.get_session().get_service_model("sts")
    validator = ParamValidator()
    out = []
    for case in cases:
        shape = model.operation_model(case["op"]).input_shape
        report = validator.validate(case["params"], shape) if shape is not None else None
        errors = []
        if report is not None and report.has_errors():
            # (error type, member path), e.g. ("invalid length", "Tags[0].Key").
            errors = [[e[0], e[1]] for e in report._errors]
        out.append(errors)
    json.dump({"botocore": botocore.__version__, "results": out}, sys.stdout)


if __name__ == "__main__":
    main()
