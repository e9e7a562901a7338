"""Shared by validate.py and check_responses.py: load openapi.json and validate JSON against its schemas."""

import datetime
import json
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

REPO = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO / "Sources" / "PeaceTalksAPI" / "Resources" / "openapi.json"
BASE_URI = "urn:peacetalks:openapi.json"

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DATE_TIME = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
)
_NO_SPACE = re.compile(r"^[^\s\x00-\x1f\x7f]*$")


def load_document(path=SPEC_PATH):
    """The parsed OpenAPI document (UTF-8 JSON)."""
    return json.loads(Path(path).read_bytes().decode("utf-8"))


def pointer(*segments):
    """A URI fragment JSON pointer (RFC 6901, percent-encoded) to the given segments."""
    escaped = (str(segment).replace("~", "~0").replace("/", "~1") for segment in segments)
    return "#" + quote("/" + "/".join(escaped), safe="/~")


def _is_date(value):
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    datetime.date.fromisoformat(value)
    return True


def _is_date_time(value):
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    return True


def _is_uri(value):
    if not isinstance(value, str):
        return True
    return bool(_NO_SPACE.match(value)) and bool(urlsplit(value).scheme)


def _is_uri_reference(value):
    return not isinstance(value, str) or bool(_NO_SPACE.match(value))


def format_checker():
    """Format assertions for the formats the document uses, without optional third-party checkers."""
    checker = FormatChecker(formats=())
    checker.checks("date", raises=ValueError)(_is_date)
    checker.checks("date-time", raises=ValueError)(_is_date_time)
    checker.checks("uri")(_is_uri)
    checker.checks("uri-reference")(_is_uri_reference)
    return checker


class SchemaValidator:
    """Validates instances against schemas found by JSON pointer in the document, `$ref`s resolved."""

    def __init__(self, document):
        self.document = document
        resource = DRAFT202012.create_resource(document)
        self.registry = Registry().with_resource(BASE_URI, resource)
        self.checker = format_checker()
        self._validators = {}

    def errors(self, fragment, instance):
        """Messages for every way `instance` breaks the schema at `fragment` (a `pointer(...)`)."""
        validator = self._validators.get(fragment)
        if validator is None:
            validator = Draft202012Validator(
                {"$ref": BASE_URI + fragment}, registry=self.registry, format_checker=self.checker
            )
            self._validators[fragment] = validator
        found = sorted(validator.iter_errors(instance), key=lambda error: error.json_path)
        return [_describe(error) for error in found]


def _describe(error):
    """Path and message of the deepest cause, so a oneOf/anyOf failure names the real problem."""
    best = error
    while best.context:
        best = min(best.context, key=lambda cause: (-len(cause.absolute_path), len(cause.message)))
    message = best.message if len(best.message) <= 300 else best.message[:297] + "..."
    return f"{best.json_path}: {message}"
