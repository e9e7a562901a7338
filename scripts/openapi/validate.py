#!/usr/bin/env python3
"""Validate openapi.json: a valid OpenAPI 3.1 document that covers the whole API contract.

Checks, in order:
1. the file is UTF-8 JSON formatted as committed (2-space indent, non-ASCII as is, trailing newline) and
   is exactly what generate.py writes;
2. openapi-spec-validator accepts it as OpenAPI 3.1;
3. every endpoint of the contract's endpoint table is there, with HEAD for every GET and OPTIONS on
   every path, and no operation the contract does not have (the list is hard-coded below, so the check
   does not depend on ../shared);
4. each operation documents the statuses, query parameters, headers and media types the contract
   gives it, and every example in components validates against its schema.

Usage: python3 scripts/openapi/validate.py [--spec PATH]
Exit status 0 when the document passes, 1 with one line per problem otherwise.
"""

import argparse
import sys
from pathlib import Path

from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from referencing.exceptions import Unresolvable

import generate
from spec import SPEC_PATH, SchemaValidator, load_document, pointer

KINDS = ["articles", "participants", "statements", "talks"]

# The contract's endpoint table, as (method, path) pairs; HEAD and OPTIONS are added below.
CONTRACT_OPERATIONS = (
    [("get", f"/v1/{kind}") for kind in KINDS]
    + [("post", f"/v1/{kind}") for kind in KINDS]
    + [(method, f"/v1/{kind}/{{id}}") for kind in KINDS for method in ["get", "put", "patch", "delete"]]
    + [
        ("get", "/v1/participants/{id}/statements"),
        ("get", "/v1/participants/{id}/articles"),
        ("get", "/v1/talks/{id}/statements"),
        ("get", "/v1/talks/{id}/articles"),
        ("get", "/v1/talks/{id}/timeline"),
        ("post", "/v1/articles/fetch"),
        ("get", "/v1/volume"),
        ("get", "/v1/search"),
        ("get", "/health"),
        ("get", "/ready"),
        ("get", "/metrics"),
        ("get", "/openapi.json"),
    ]
)

FRAMING = {"400", "408", "413", "414", "431", "501", "503", "505"}
BODY_ERRORS = {"400", "411", "413", "415", "422"}

LIST_QUERY = {
    "articles": {"q", "language", "source", "participant", "talks", "from", "to", "sort", "include"},
    "participants": {"q", "kind", "side", "talks", "affiliation", "sort"},
    "statements": {"q", "participant", "talks", "article", "language", "kind", "topic", "from", "to", "sort"},
    "talks": {"q", "process", "participant", "from", "to", "sort"},
}
PAGING_QUERY = {"limit", "cursor", "format", "pretty"}
SORTS = {
    "articles": ["published_at", "-published_at"],
    "participants": ["name"],
    "statements": ["said_on", "-said_on"],
    "talks": ["start_date", "-start_date"],
}
SUB_LISTS = {
    "/v1/participants/{id}/statements": "statements",
    "/v1/participants/{id}/articles": "articles",
    "/v1/talks/{id}/statements": "statements",
    "/v1/talks/{id}/articles": "articles",
}

# Statuses each operation must document, beyond the framing ones every operation has.
STATUSES = {
    "list": {"200", "304"},
    "get": {"200", "304", "404"},
    "post": {"201", "401", "409", "411", "415", "422"},
    "put": {"200", "201", "401", "411", "412", "415", "422"},
    "patch": {"200", "401", "404", "411", "412", "415", "422"},
    "delete": {"204", "401", "404", "409", "412"},
    "fetch": {"200", "201", "401", "411", "415", "422", "502", "504"},
    "sub": {"200", "304", "404"},
    "timeline": {"200", "304", "404"},
    "search": {"200", "304"},
    "volume": {"200", "304"},
    "ready": {"200", "503"},
    "plain": {"200"},
    "options": {"204"},
}

SCHEMAS = [
    "ResourceId", "LocalizedText", "Participant", "ParticipantInput", "ParticipantListItem", "ParticipantList",
    "Talks", "TalksInput", "TalksListItem", "TalksList", "Article", "ArticleInput", "ArticleListItem",
    "ArticleList", "Statement", "StatementInput", "StatementListItem", "StatementList", "MergePatch",
    "SearchResult", "Timeline", "Volume", "FetchRequest", "FetchResponse", "Problem", "Health", "Ready",
]
ENUMS = {
    "ParticipantKind": ["person", "delegation", "state", "organization", "armed_group"],
    "Side": ["government", "opposition", "guarantor", "mediator", "host", "observer"],
    "StatementKind": ["direct", "reported"],
    "ResourceKind": KINDS,
}


class Report:
    """Collects problems."""

    def __init__(self):
        self.problems = []

    def check(self, condition, message):
        if not condition:
            self.problems.append(message)
        return condition


def value_ref_segments(ref):
    return [segment.replace("~1", "/").replace("~0", "~") for segment in ref.lstrip("#/").split("/")]


def deref(document, value):
    while isinstance(value, dict) and "$ref" in value:
        target = document
        for segment in value_ref_segments(value["$ref"]):
            target = target[segment]
        value = target
    return value


def operation_role(method, path):
    """Which STATUSES entry an operation follows."""
    if method == "options":
        return "options"
    if path == "/v1/articles/fetch":
        return "fetch"
    if path in SUB_LISTS:
        return "sub"
    if path.endswith("/timeline"):
        return "timeline"
    if path in ("/v1/search", "/v1/volume"):
        return path.rsplit("/", 1)[1]
    if path == "/ready":
        return "ready"
    if path in ("/health", "/metrics", "/openapi.json"):
        return "plain"
    if method in ("get", "head"):
        return "get" if path.endswith("{id}") else "list"
    return method


def parameters_of(document, path_item, operation):
    """({query name: parameter}, {header names}) of an operation, path-level parameters included."""
    parameters = [deref(document, p) for p in path_item.get("parameters", []) + operation.get("parameters", [])]
    queries = {p["name"]: p for p in parameters if p["in"] == "query"}
    return queries, {p["name"] for p in parameters if p["in"] == "header"}


def check_format(report, path):
    text = path.read_bytes().decode("utf-8")
    document = load_document(path)
    report.check(text == generate.render(document),
                 f"{path.name} is not formatted as generate.render writes it (2-space indent, UTF-8, final newline)")
    report.check(text == generate.render(generate.build_document()),
                 f"{path.name} differs from what scripts/openapi/generate.py writes: edit generate.py and run it")
    return document


def check_top_level(report, document):
    report.check(document.get("openapi") == "3.1.0", "openapi must be 3.1.0")
    report.check(document.get("jsonSchemaDialect") == "https://json-schema.org/draft/2020-12/schema",
                 "jsonSchemaDialect must be JSON Schema 2020-12")
    info = document.get("info", {})
    report.check(info.get("title") == "PeaceTalks" and info.get("version") == "1.0.0",
                 "info must have title PeaceTalks and version 1.0.0")
    description = info.get("description", "")
    for needle in ["NFKC", "tashkeel", "BM25", "## Clarifications"]:
        report.check(needle in description, f"info.description must explain {needle!r}")
    report.check(document.get("servers") == [{"url": "http://127.0.0.1:8080"}], "servers must be 127.0.0.1:8080")
    schemes = document.get("components", {}).get("securitySchemes", {})
    report.check(schemes.get("bearerAuth", {}).get("scheme") == "bearer", "a bearer securityScheme is missing")
    schemas = document.get("components", {}).get("schemas", {})
    for name in SCHEMAS:
        report.check(name in schemas, f"components.schemas.{name} is missing")
    for name, values in ENUMS.items():
        report.check(schemas.get(name, {}).get("enum") == values, f"components.schemas.{name} must be {values}")


def check_operations(report, document):
    expected = set()
    for method, path in CONTRACT_OPERATIONS:
        expected.add((method, path))
        if method == "get":
            expected.add(("head", path))
        expected.add(("options", path))
    present = {(method, path) for path, item in document["paths"].items()
               for method in ["get", "head", "post", "put", "patch", "delete", "options", "trace"] if method in item}
    for method, path in sorted(expected - present, key=lambda pair: (pair[1], pair[0])):
        report.problems.append(f"{method.upper()} {path} is in the contract but not in the document")
    for method, path in sorted(present - expected, key=lambda pair: (pair[1], pair[0])):
        report.problems.append(f"{method.upper()} {path} is in the document but not in the contract")
    for method, path in sorted(present & expected, key=lambda pair: (pair[1], pair[0])):
        check_operation(report, document, method, path)


def check_operation(report, document, method, path):
    item = document["paths"][path]
    operation = item[method]
    where = f"{method.upper()} {path}"
    report.check(bool(operation.get("tags")), f"{where} has no tag")
    queries, headers = parameters_of(document, item, operation)
    report.check("X-Request-Id" in headers, f"{where} does not take X-Request-Id")
    role = operation_role(method, path)
    responses = operation["responses"]
    required = STATUSES[role] | FRAMING
    if role == "delete" and path == "/v1/statements/{id}":
        required = required - {"409"}  # nothing references a statement
    for status in sorted(required):
        report.check(status in responses, f"{where} does not document {status}")
    if method in ("post", "put", "patch"):
        for status in sorted(BODY_ERRORS):
            report.check(status in responses, f"{where} does not document {status}")
    write = method in ("post", "put", "patch", "delete")
    report.check(write == bool(operation.get("security")),
                 f"{where} must {'' if write else 'not '}require the bearer key")
    if method in ("get", "head") and path.startswith("/v1/"):
        report.check("If-None-Match" in headers, f"{where} does not take If-None-Match")
    if method in ("put", "patch", "delete"):
        report.check("If-Match" in headers, f"{where} does not take If-Match")
    if method == "patch":
        media = set(operation.get("requestBody", {}).get("content", {}))
        report.check(media == {"application/merge-patch+json", "application/json"},
                     f"{where} must take application/merge-patch+json and application/json")
    if method == "head":
        get = item["get"]
        report.check(operation["parameters"] == get["parameters"], f"{where} parameters differ from GET")
        report.check(set(operation["responses"]) == set(get["responses"]), f"{where} statuses differ from GET")
    check_query(report, where, role, path, method, queries)
    check_responses(report, document, where, method, role, responses)


def check_query(report, where, role, path, method, queries):
    if method not in ("get", "head"):
        return
    report.check("pretty" in queries, f"{where} does not take pretty")
    kind = path.split("/")[2] if role == "list" else SUB_LISTS.get(path)
    if kind:
        expected = LIST_QUERY[kind] | PAGING_QUERY
        check_names(report, where, queries, expected)
        sort = queries.get("sort", {}).get("schema", {}).get("enum")
        report.check(sort == SORTS[kind], f"{where} sort values {sort} should be {SORTS[kind]}")
    elif role == "search":
        expected = {"q", "kind", "limit", "cursor", "pretty"}
        check_names(report, where, queries, expected)
    elif role == "volume":
        expected = {"kind", "interval", "q", "language", "source", "participant", "talks", "article",
                    "statement_kind", "topic", "from", "to", "pretty"}
        check_names(report, where, queries, expected)


def check_names(report, where, queries, expected):
    report.check(set(queries) == expected, f"{where} query parameters {sorted(queries)} should be {sorted(expected)}")


def check_responses(report, document, where, method, role, responses):
    for status, declared in responses.items():
        response = deref(document, declared)
        headers = set(response.get("headers", {}))
        content = response.get("content", {})
        report.check("X-Request-Id" in headers, f"{where} {status} does not send X-Request-Id")
        if method != "head" and status[0] in "45":
            report.check("application/problem+json" in content, f"{where} {status} is not application/problem+json")
        if status in ("204", "304") or method == "head" and "$ref" not in declared:
            report.check(not content, f"{where} {status} must not have a body")
        if status == "201":
            report.check("Location" in headers, f"{where} 201 does not send Location")
        if status == "401":
            report.check("WWW-Authenticate" in headers, f"{where} 401 does not send WWW-Authenticate")
        if status == "503":
            report.check("Retry-After" in headers, f"{where} 503 does not send Retry-After")
        if status == "200" and role in ("list", "sub"):
            report.check({"ETag", "Link", "X-Total-Count"} <= headers, f"{where} 200 lacks paging headers")
            if method == "get":
                report.check({"application/json", "text/csv"} <= set(content), f"{where} 200 lacks JSON or CSV")
        if status == "200" and method == "get" and role in ("get", "list", "sub", "timeline", "search", "volume"):
            report.check("ETag" in headers, f"{where} 200 does not send ETag")
    if method == "options":
        headers = set(deref(document, responses["204"]).get("headers", {}))
        for name in ["Allow", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
                     "Access-Control-Max-Age", "Access-Control-Allow-Origin"]:
            report.check(name in headers, f"{where} 204 does not send {name}")


def check_components(report, document):
    responses = document["components"]["responses"]
    report.check("Allow" in responses["MethodNotAllowed"].get("headers", {}), "405 does not send Allow")
    validator = SchemaValidator(document)
    for name, schema in document["components"]["schemas"].items():
        for index, example in enumerate(schema.get("examples", [])):
            for problem in validator.errors(pointer("components", "schemas", name), example):
                report.problems.append(f"components.schemas.{name}.examples[{index}] {problem}")


def first_line(error):
    """The validator's message without the schema and instance dumps that follow it."""
    if isinstance(error, Unresolvable):
        return f"cannot resolve $ref {error.ref!r}"
    path = "/".join(str(part) for part in getattr(error, "absolute_path", []) or [])
    message = str(getattr(error, "message", error)).splitlines()[0]
    return f"{message[:300]} (at /{path})" if path else message[:300]


def main(argv):
    parser = argparse.ArgumentParser(description="Validate openapi.json against OpenAPI 3.1 and the contract.")
    parser.add_argument("--spec", type=Path, default=SPEC_PATH, help="the OpenAPI document (default: %(default)s)")
    args = parser.parse_args(argv)
    report = Report()
    try:
        document = check_format(report, args.spec)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        print(f"FAIL {args.spec}: cannot read the document: {error}")
        return 1
    try:
        validate(document, cls=OpenAPIV31SpecValidator)
    except (OpenAPIValidationError, Unresolvable) as error:
        # The remaining checks assume a well-formed document; the validator's message says what to fix.
        report.problems.append(f"openapi-spec-validator rejects the document: {first_line(error)}")
    else:
        check_top_level(report, document)
        check_operations(report, document)
        check_components(report, document)
    for problem in report.problems:
        print("FAIL", problem)
    operations = sum(1 for item in document["paths"].values() for key in item if key not in ("description",
                                                                                              "parameters"))
    if report.problems:
        print(f"{args.spec.name}: {len(report.problems)} problems")
        return 1
    print(f"{args.spec.name}: valid OpenAPI 3.1, {len(document['paths'])} paths, {operations} operations, "
          "every contract endpoint present")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
