#!/usr/bin/env python3
"""Check recorded HTTP exchanges against the response schemas of openapi.json.

The integration tests record what the server answered and call this script, so that the document and
the server cannot drift apart.

Usage:
    python3 scripts/openapi/check_responses.py EXCHANGES.json [MORE.json ...] [--spec PATH]
    python3 scripts/openapi/check_responses.py --self-test

EXCHANGES.json is a JSON array of objects:
    method         "GET", "HEAD", "POST", ...
    path_template  the document's path ("/v1/talks/{id}"), a router pattern ("/v1/:kind/:id") or a concrete
                   path ("/v1/talks/astana-2017-01"); null for a request that was never routed
    path           optional concrete path (query allowed), used when path_template names no single path
    status         the response status code
    content_type   the response Content-Type, or null when there was no body
    body           the response body: parsed JSON, JSON text, CSV/plain text, or null/"" for none

For each exchange the operation and status must be documented, the media type must be one the document
lists for that response, and a JSON body must validate against that media type's schema (JSON Schema
2020-12, $refs into components resolved). A problem's `status` must equal the HTTP status. A `404` on a
path the document does not know, a `405` on a known path with an undocumented method, and the framing
errors of any request are checked against the generic problem responses. Exit status 0 when every
exchange passes, 1 otherwise (every failure is printed), 2 for unusable input.
"""

import argparse
import json
import re
import sys
from pathlib import Path

from spec import SPEC_PATH, SchemaValidator, load_document, pointer

METHODS = ["get", "head", "post", "put", "patch", "delete", "options"]
UNROUTED_RESPONSES = {
    "400": "BadRequest", "404": "NotFound", "405": "MethodNotAllowed", "408": "RequestTimeout",
    "411": "LengthRequired", "413": "ContentTooLarge", "414": "URITooLong",
    "431": "RequestHeaderFieldsTooLarge", "501": "NotImplemented", "503": "ServiceUnavailable",
    "505": "HTTPVersionNotSupported",
}
FRAMING_STATUSES = {"400", "408", "411", "413", "414", "431", "501", "503", "505"}


class Checker:
    """Checks exchanges against one OpenAPI document."""

    def __init__(self, document):
        self.document = document
        self.schemas = SchemaValidator(document)
        self.templates = [(path, path.strip("/").split("/")) for path in document["paths"]]

    # --- locating the response ------------------------------------------------------------

    def resolve_path(self, exchange):
        """The document path of the exchange, or None when no path matches."""
        paths = self.document["paths"]
        template = exchange.get("path_template")
        if template:
            template = re.sub(r":([A-Za-z_][A-Za-z0-9_]*)", r"{\1}", template.split("?")[0])
            if template in paths:
                return template
        concrete = exchange.get("path") or exchange.get("path_template")
        if not concrete:
            return None
        return self.match_concrete(concrete.split("?")[0])

    def match_concrete(self, path):
        """The template matching a concrete path, literal segments winning over parameters."""
        segments = path.strip("/").split("/")
        best, best_literals = None, -1
        for template, parts in self.templates:
            if len(parts) != len(segments):
                continue
            literals = 0
            for part, segment in zip(parts, segments):
                if part.startswith("{"):
                    continue
                if part != segment:
                    break
                literals += 1
            else:
                if literals > best_literals:
                    best, best_literals = template, literals
        return best

    def response_for(self, path, method, status):
        """(response object, JSON pointer segments to it, error message)."""
        status = str(status)
        item = self.document["paths"].get(path) if path else None
        operation = item.get(method) if item else None
        if operation is None:
            expected = "404" if item is None else "405"
            if status != expected and status not in FRAMING_STATUSES:
                where = "no documented path matches" if item is None else f"{path} does not document {method.upper()}"
                return None, None, f"{where}, yet the server answered {status} (expected {expected})"
            name = UNROUTED_RESPONSES[status]
            return self.document["components"]["responses"][name], ["components", "responses", name], None
        responses = operation["responses"]
        response = responses.get(status) or responses.get(status[0] + "XX") or responses.get("default")
        if response is None:
            return None, None, f"status {status} is not documented for {method.upper()} {path}"
        key = status if status in responses else (status[0] + "XX" if status[0] + "XX" in responses else "default")
        segments = ["paths", path, method, "responses", key]
        while "$ref" in response:
            segments = response["$ref"].lstrip("#/").split("/")
            response = self.document
            for segment in segments:
                response = response[segment.replace("~1", "/").replace("~0", "~")]
        return response, segments, None

    # --- checking one exchange ------------------------------------------------------------

    def check(self, exchange):
        """Every problem of one exchange, as messages (empty when it passes)."""
        try:
            method = exchange["method"].lower()
            status = int(exchange["status"])
        except (KeyError, TypeError, ValueError, AttributeError):
            return ["an exchange needs a string `method` and an integer `status`"]
        if method not in METHODS:
            return [f"unknown method {exchange['method']!r}"]
        path = self.resolve_path(exchange)
        template = exchange.get("path_template") or ""
        if path is None and not exchange.get("path") and re.search(r"[{:]", template):
            return [f"path_template {template!r} names no single documented path; add the concrete `path`"]
        response, segments, error = self.response_for(path, method, status)
        if error:
            return [error]
        body = exchange.get("body")
        content = response.get("content")
        has_body = body not in (None, "")
        if method == "head" or not content or status in (204, 304):
            return ["a response without a body carries one"] if has_body else []
        media, problems = self.match_media(content, exchange.get("content_type"))
        if problems:
            return problems
        media_pointer = pointer(*segments, "content", media, "schema")
        base = media.split(";")[0].strip().lower()
        if base == "application/json" or base.endswith("+json"):
            return self.check_json(body, media_pointer, status, base)
        if not isinstance(body, str):
            return [f"a {base} body must be recorded as a string"]
        return []

    def match_media(self, content, content_type):
        """The documented media type the Content-Type matches, or problems."""
        if not content_type:
            return None, [f"no Content-Type, expected one of {sorted(content)}"]
        actual_base, actual_params = parse_media_type(content_type)
        for media in content:
            base, params = parse_media_type(media)
            if base == actual_base and all(actual_params.get(name) == value for name, value in params.items()):
                return media, []
        return None, [f"Content-Type {content_type!r} is not documented here; expected one of {sorted(content)}"]

    def check_json(self, body, media_pointer, status, base):
        if isinstance(body, (str, bytes)):
            try:
                body = json.loads(body)
            except ValueError as error:
                return [f"the body is not JSON: {error}"]
        problems = self.schemas.errors(media_pointer, body)
        if base == "application/problem+json" and isinstance(body, dict) and body.get("status") != status:
            problems.append(f"$.status: {body.get('status')!r} differs from the HTTP status {status}")
        return problems


def parse_media_type(value):
    """(lower-case type/subtype, {lower-case parameter: value})."""
    parts = [part.strip() for part in value.split(";")]
    params = {}
    for part in parts[1:]:
        if "=" in part:
            name, _, raw = part.partition("=")
            params[name.strip().lower()] = raw.strip().strip('"')
    return parts[0].lower(), params


def describe(index, exchange):
    where = exchange.get("path") or exchange.get("path_template") or "(unrouted)"
    return f"#{index} {str(exchange.get('method', '?')).upper()} {where} {exchange.get('status', '?')}"


def check_all(checker, exchanges):
    """Failure lines for every exchange that does not match the document."""
    failures = []
    for index, exchange in enumerate(exchanges):
        if not isinstance(exchange, dict):
            failures.append(f"#{index}: an exchange must be a JSON object")
            continue
        failures += [f"{describe(index, exchange)}: {problem}" for problem in checker.check(exchange)]
    return failures


# --- self-test --------------------------------------------------------------------------------

TIME = "2017-01-24T09:00:00Z"
PARTICIPANT = {
    "id": "staffan-de-mistura", "kind": "person",
    "name": {"en": "Staffan de Mistura", "ar": "ستافان دي ميستورا"}, "aliases": ["دى ميستورا"],
    "role": None, "affiliation": "united-nations", "side": "mediator", "created_at": TIME, "updated_at": TIME,
}
ARTICLE_ITEM = {
    "id": "01h5z7k3q8", "title": "محادثات أستانة", "excerpt": "بدأت، الإثنين بالعاصمة الكازاخستانية أستانة…",
    "language": "ar", "url": "https://www.elmaouid.com/a", "source": "elmaouid", "section": "دولي",
    "author": None, "published_at": "2017-01-24T00:00:00Z", "talks": ["astana-2017-01"], "participants": [],
    "fetched_at": None, "created_at": TIME, "updated_at": TIME,
}
ARTICLE = {key: value for key, value in ARTICLE_ITEM.items() if key != "excerpt"} | {"body": "نص المقال"}
STATEMENT = {
    "id": "01h5z7k3q9", "participant": "staffan-de-mistura", "text": "نأمل", "language": "ar", "kind": "reported",
    "article": "01h5z7k3q8", "talks": "astana-2017-01", "said_on": "2017-01-23", "topics": ["ceasefire"],
    "translation": {"en": "We hope"}, "context": None, "created_at": TIME, "updated_at": TIME,
}
TALKS = {
    "id": "astana-2017-01", "name": {"en": "Astana talks"}, "process": "astana",
    "location": {"city": "Astana", "country": "KZ"}, "start_date": "2017-01-23", "end_date": "2017-01-24",
    "participants": ["staffan-de-mistura"], "summary": None, "created_at": TIME, "updated_at": TIME,
}
JSON = "application/json; charset=utf-8"
PROBLEM = "application/problem+json"


def problem(status, title, **extra):
    return {"type": "about:blank", "title": title, "status": status, "detail": "…"} | extra


def exchange(method, path_template, status, content_type=None, body=None, **extra):
    return {"method": method, "path_template": path_template, "status": status, "content_type": content_type,
            "body": body, **extra}


VALID = [
    exchange("GET", "/v1/participants/{id}", 200, JSON, PARTICIPANT),
    exchange("GET", "/v1/:kind/:id", 200, JSON, TALKS, path="/v1/talks/astana-2017-01?pretty=true"),
    exchange("GET", "/v1/talks/astana-2017-01", 200, JSON, json.dumps(TALKS, ensure_ascii=False)),
    exchange("GET", "/v1/articles", 200, JSON, {
        "items": [ARTICLE_ITEM | {"score": 2.5, "snippet": "<mark>أستانة</mark>"}, ARTICLE_ITEM | {"body": "نص"}],
        "next_cursor": "abc", "total": 7}),
    exchange("GET", "/v1/articles", 200, "text/csv; charset=utf-8", "id,title\r\n"),
    exchange("GET", "/v1/participants/{id}/statements", 200, JSON, {"items": [STATEMENT], "next_cursor": None,
                                                                    "total": 1}),
    exchange("GET", "/v1/talks/{id}/timeline", 200, JSON, {"items": [
        {"kind": "statements", "id": STATEMENT["id"], "at": "2017-01-23", "resource": STATEMENT},
        {"kind": "articles", "id": ARTICLE_ITEM["id"], "at": "2017-01-24T00:00:00Z", "resource": ARTICLE_ITEM},
        {"kind": "articles", "id": "undated", "at": None, "resource": ARTICLE_ITEM | {"published_at": None}},
    ]}),
    exchange("HEAD", "/v1/talks/{id}", 200, JSON, None),
    exchange("GET", "/v1/talks/{id}", 304),
    exchange("POST", "/v1/statements", 201, JSON, STATEMENT),
    exchange("PUT", "/v1/talks/{id}", 200, JSON, TALKS),
    exchange("PATCH", "/v1/participants/{id}", 200, JSON, PARTICIPANT),
    exchange("POST", "/v1/statements", 422, PROBLEM, problem(422, "Unprocessable Content", errors=[
        {"field": "participant", "message": "no participant has id 'nobody'"}])),
    exchange("POST", "/v1/talks", 401, PROBLEM, problem(401, "Unauthorized")),
    exchange("DELETE", "/v1/participants/{id}", 409, PROBLEM, problem(409, "Conflict", references=[
        {"kind": "statements", "id": "01h5z7k3q9"}])),
    exchange("DELETE", "/v1/participants/{id}", 204, None, ""),
    exchange("POST", "/v1/articles/fetch", 201, JSON, {
        "article": ARTICLE | {"fetched_at": TIME}, "encoding": "windows-1256",
        "statement_candidates": [{"participant": "staffan-de-mistura", "text": "نأمل", "kind": "direct",
                                  "context": "قال …", "confidence": 0.8}]}),
    exchange("POST", "/v1/articles/fetch", 504, PROBLEM, problem(504, "Gateway Timeout")),
    exchange("GET", "/v1/volume", 200, JSON, {"items": [{"period": "2017-W04", "count": 3}]}),
    exchange("GET", "/v1/search", 200, JSON, {"items": [{"kind": "participants", "id": "staffan-de-mistura",
                                                        "score": 1.2, "snippet": "<mark>دى</mark> ميستورا"}],
                                              "next_cursor": None, "total": 1}),
    exchange("GET", "/health", 200, "application/json", {"status": "ok"}),
    exchange("GET", "/ready", 503, "application/json", {"status": "starting"}),
    exchange("GET", "/metrics", 200, "text/plain; version=0.0.4; charset=utf-8", "# TYPE x counter\nx 1\n"),
    exchange("OPTIONS", "/v1/articles/{id}", 204),
    exchange("GET", "/v1/no-such-kind", 404, PROBLEM, problem(404, "Not Found")),
    exchange("DELETE", "/v1/articles", 405, PROBLEM, problem(405, "Method Not Allowed")),
    exchange("GET", None, 505, PROBLEM, problem(505, "HTTP Version Not Supported")),
]

INVALID = [
    (exchange("GET", "/v1/participants/{id}", 200, JSON, PARTICIPANT | {"createdAt": TIME}),
     "Additional properties are not allowed"),
    (exchange("GET", "/v1/participants/{id}", 200, JSON, {k: v for k, v in PARTICIPANT.items() if k != "aliases"}),
     "'aliases' is a required property"),
    (exchange("GET", "/v1/participants/{id}", 200, JSON, PARTICIPANT | {"id": "Bad_ID"}), "does not match"),
    (exchange("GET", "/v1/participants/{id}", 200, JSON, PARTICIPANT | {"side": "neutral"}), "is not one of"),
    (exchange("GET", "/v1/participants/{id}", 200, JSON, PARTICIPANT | {"name": {}}), "should be non-empty"),
    (exchange("GET", "/v1/talks/{id}", 200, JSON, TALKS | {"updated_at": "2017-01-24T11:00:00+02:00"}),
     "does not match"),
    (exchange("GET", "/v1/talks/{id}", 200, JSON, TALKS | {"start_date": "2017-02-30"}), "is not a 'date'"),
    (exchange("GET", "/v1/articles", 200, JSON, {"items": [ARTICLE], "next_cursor": None, "total": 1}),
     "'excerpt' is a required property"),
    (exchange("GET", "/v1/articles", 200, JSON, {"items": [], "total": 0}), "'next_cursor' is a required property"),
    (exchange("GET", "/v1/talks/{id}/timeline", 200, JSON, {"items": [
        {"kind": "articles", "id": "x", "at": None, "resource": STATEMENT}]}), "$.items[0].resource"),
    (exchange("POST", "/v1/statements", 422, PROBLEM, problem(422, "Unprocessable Content")),
     "'errors' is a required property"),
    (exchange("DELETE", "/v1/talks/{id}", 409, PROBLEM, problem(409, "Conflict")),
     "'references' is a required property"),
    (exchange("GET", "/v1/talks/{id}", 404, "application/json", problem(404, "Not Found")),
     "is not documented here"),
    (exchange("GET", "/v1/talks/{id}", 404, PROBLEM, problem(400, "Bad Request")), "differs from the HTTP status"),
    (exchange("GET", "/v1/talks/{id}", 418, PROBLEM, problem(418, "I'm a teapot")), "status 418 is not documented"),
    (exchange("GET", "/v1/articles", 401, PROBLEM, problem(401, "Unauthorized")), "status 401 is not documented"),
    (exchange("DELETE", "/v1/talks/{id}", 204, JSON, {"deleted": True}), "without a body carries one"),
    (exchange("HEAD", "/health", 200, JSON, {"status": "ok"}), "without a body carries one"),
    (exchange("GET", "/v1/talks/{id}", 200, JSON, "{not json"), "the body is not JSON"),
    (exchange("GET", "/metrics", 200, "text/plain", "x 1\n"), "is not documented here"),
    (exchange("GET", "/v1/nowhere", 200, JSON, {}), "no documented path matches"),
    (exchange("GET", "/v1/:kind/:id", 200, JSON, TALKS), "add the concrete `path`"),
    (exchange("PATCH", "/v1/articles", 422, PROBLEM, problem(422, "Unprocessable Content")),
     "does not document PATCH"),
    (exchange("GET", "/ready", 200, JSON, {"status": "starting "}), "is not one of"),
    (exchange("GET", "/v1/volume", 200, JSON, {"items": [{"period": "2017-01-23", "count": -1}]}),
     "less than the minimum"),
    (exchange("POST", "/v1/articles/fetch", 200, JSON, {"article": ARTICLE, "encoding": "utf-8"}),
     "'statement_candidates' is a required property"),
]


def self_test(checker):
    """Every valid exchange passes and every invalid one fails for the expected reason."""
    failures = []
    for index, item in enumerate(VALID):
        problems = checker.check(item)
        if problems:
            failures.append(f"valid {describe(index, item)} was rejected: {problems}")
    for index, (item, expected) in enumerate(INVALID):
        problems = checker.check(item)
        if not any(expected in problem for problem in problems):
            failures.append(f"invalid {describe(index, item)} should fail with {expected!r}, got {problems}")
    for failure in failures:
        print("FAIL", failure)
    print(f"self-test: {len(VALID)} valid and {len(INVALID)} invalid exchanges, {len(failures)} failures")
    return 1 if failures else 0


def main(argv):
    parser = argparse.ArgumentParser(description="Check recorded exchanges against openapi.json.")
    parser.add_argument("files", nargs="*", type=Path, help="JSON files of recorded exchanges")
    parser.add_argument("--spec", type=Path, default=SPEC_PATH, help="the OpenAPI document (default: %(default)s)")
    parser.add_argument("--self-test", action="store_true", help="check the checker on hand-made exchanges")
    args = parser.parse_args(argv)
    checker = Checker(load_document(args.spec))
    if args.self_test:
        return self_test(checker)
    if not args.files:
        parser.error("give at least one exchanges file, or --self-test")
    failures, count = [], 0
    for file in args.files:
        try:
            exchanges = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"{file}: cannot read exchanges: {error}", file=sys.stderr)
            return 2
        if not isinstance(exchanges, list):
            print(f"{file}: expected a JSON array of exchanges", file=sys.stderr)
            return 2
        count += len(exchanges)
        failures += [f"{file}: {failure}" for failure in check_all(checker, exchanges)]
    for failure in failures:
        print("FAIL", failure)
    print(f"{count} exchanges checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
