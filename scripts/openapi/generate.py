#!/usr/bin/env python3
"""Build Sources/PeaceTalksAPI/Resources/openapi.json, the OpenAPI 3.1 document of the API contract.

The document repeats the same parameters, headers and error responses on about a hundred operations.
Building it from the tables below keeps them consistent: edit this file, run it, commit both files.
`validate.py` fails when the committed document differs from what this script writes.

Usage:
    python3 scripts/openapi/generate.py          # rewrite openapi.json
    python3 scripts/openapi/generate.py --check  # exit 1 when openapi.json is out of date
"""

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO / "Sources" / "PeaceTalksAPI" / "Resources" / "openapi.json"

ID_PATTERN = "^[a-z0-9][a-z0-9-]{0,63}$"
LANGUAGE_TAG_PATTERN = "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"
TIME_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
REQUEST_ID_PATTERN = "^[A-Za-z0-9._:-]{1,128}$"

KINDS = ["articles", "participants", "statements", "talks"]
PARTICIPANT_KINDS = ["person", "delegation", "state", "organization", "armed_group"]
SIDES = ["government", "opposition", "guarantor", "mediator", "host", "observer"]
STATEMENT_KINDS = ["direct", "reported"]

INFO_DESCRIPTION = """\
PeaceTalks serves news coverage of peace talks: who takes part (participants), the rounds of a \
process (talks), the coverage (articles) and what participants said (statements), in Arabic, \
English or any language.

## Conventions
- Bodies are UTF-8 JSON with non-ASCII text written as plain UTF-8 (no `\\uXXXX` escapes, no \
escaped `/`); `pretty=true` indents the output. Field names are `snake_case`.
- Times are RFC 3339 UTC (`2017-01-23T09:00:00Z`); calendar dates are `YYYY-MM-DD`.
- Text is stored and returned byte for byte as given, after NFC normalisation.
- Every resource has an `id` (1–64 chars of `[a-z0-9-]`, starting with a letter or digit) and \
server-set `created_at` and `updated_at`. References must resolve (`422` otherwise); deleting a \
resource that others reference is a `409` listing every referencing resource.
- Reads are public. Every write needs `Authorization: Bearer <key>`; a `2xx` on a write means the \
change is durable.
- Every `GET` also answers `HEAD` (same headers, no body); `OPTIONS` answers CORS pre-flight requests.
- Every error is `application/problem+json` (RFC 9457). When a request breaks several rules, the \
first check in this order answers: HTTP framing (400/411/413/414/431/501/505), route (404/405), \
authentication (401), body media type and syntax (415/400), validation (422), state (404 for a \
missing resource, 409, 412). A known path with a method it does not serve answers `405` with \
`Allow`; an unknown path answers `404`. Framing errors (`400`, `408`, `411`, `413`, `414`, `431`, \
`501`, `505`) can answer any request.
- Every response carries `X-Request-Id`: the client's value when it matches `[A-Za-z0-9._:-]{1,128}`, \
else a generated one. CORS: `Access-Control-Allow-Origin` from the configured origins (default `*`) \
and `Access-Control-Expose-Headers: ETag, Location, Link, X-Request-Id, X-Total-Count`.

## Lists
`limit` 1–100 (default 20) and `cursor` (the opaque `next_cursor` of the previous page). \
`total` counts every match of the filter. A cursor stays valid while data changes: no item that \
existed when paging started is skipped or repeated. Filters are optional and combined with AND; \
a repeated or comma-separated value means OR. `format=csv` or `Accept: text/csv` returns the same \
page as RFC 4180 CSV.

## Search normalisation (`q`)
Terms are matched after normalisation, so a query finds every common spelling:
- Unicode NFKC, case folding, Latin diacritics folded (`é` → `e`);
- Arabic: diacritics (tashkeel) and tatweel removed; `أ إ آ ٱ` → `ا`; `ى` → `ي`; `ة` → `ه`; \
Arabic-Indic and Eastern Arabic-Indic digits → ASCII digits;
- Arabic light stemming of common prefixes (`ال و ب ك ف لل`) and suffixes, and light English \
stemming, so `المحادثات` finds `محادثات` and `talks` finds `talk`.

What `q` searches: articles — title and body; statements — text, translation, context and the \
speaker's names and aliases; participants — names, aliases and role; talks — names, summary and \
process. All terms must match; `"a quoted phrase"` matches those words in sequence; `-term` \
excludes. Results are ranked by BM25; each list item carries `score` and a `snippet` with the \
matches wrapped in `<mark>…</mark>`.

## Clarifications
Where the contract leaves a choice open, this document fixes it as follows.
1. **Optional fields.** An omitted optional field is stored and returned as `null`, an omitted list \
as `[]`. Lists are not nullable on input. Talks `process` is optional (`null` when not set). A \
statement's `kind` defaults to `reported`. `location` needs both `city` and `country` (ISO 3166-1 \
alpha-2, upper case).
2. **Input bodies.** Unknown fields are a `422`. Server-set fields (`created_at`, `updated_at`, \
`fetched_at`) are accepted and ignored. Times on input may carry any RFC 3339 offset and fractional \
seconds; they are stored and returned in UTC, in whole seconds, with `Z`.
3. **Ids.** A `PUT` body may omit `id`; when present it must equal the path's id (`422`). A merge \
patch cannot change `id` (`422`). Without a client id, participants and talks get the slug of the \
English name (else of the first name), with `-2`, `-3`, … appended when it is taken, and a \
time-sortable id when the slug is empty; articles and statements get a time-sortable id. `fetch` is \
not a valid article id (it names `/v1/articles/fetch`). A path id that is not valid id syntax is a \
`404`.
4. **Article URLs.** A `url` already used by another article is a `422` with an `errors` entry for \
`url` (`409` stays for id collisions and referenced deletes).
5. **Media types.** `POST` and `PUT` bodies must be `application/json` (a `charset=utf-8` parameter \
is allowed); `PATCH` also takes `application/merge-patch+json`. Any other or missing `Content-Type` \
on a body is a `415`; invalid UTF-8 or JSON is a `400`. A merge patch that is not a JSON object is a \
`422`. `Accept` values other than `text/csv` are ignored (never a `406`).
6. **Query parameters.** Every operation rejects unknown query parameters with `400` and accepts \
`pretty` (ignored for non-JSON bodies). A value of the wrong type (`kind=foo`, `limit=0`, \
`participant=Not An Id`, `from=yesterday`) is a `400` whose `detail` names the parameter; a \
well-formed id that matches nothing gives an empty page. A comma always separates values. A blank \
`q=` on a list means no `q`; a `q` without any positive term (only `-term`s) is a `400`. `from` \
after `to` is a `400`.
7. **`from` / `to`.** Inclusive. Against a time field (`published_at`), a date `from` means \
`00:00:00Z` of that day and a date `to` the end of that day; against a date field (`said_on`), a \
time counts as its UTC date. Talks match when `[start_date, end_date]` (`end_date` defaulting to \
`start_date`) overlaps `[from, to]`; talks without `start_date` never match a `from`/`to` filter.
8. **Sorting.** Items without the sort field (`published_at`, `said_on`, `start_date` is `null`) \
come last in both directions; ties are broken by `id` ascending. With `q` the default order is \
relevance (`score` descending, then `id`); an explicit `sort` overrides it.
9. **Participants `q`** searches names, aliases and role (the Search section's rule).
10. **`score` and `snippet`** are present only when `q` is given (absent, not `null`, otherwise). \
A snippet is a passage of about 200 characters of the best matching field, HTML-escaped except for \
the `<mark>` tags.
11. **Article list items** (lists, sub-resource lists, timeline) always carry `excerpt` (about the \
first 280 characters, cut at a word boundary, ending in `…` when cut); `include=body` adds `body` \
right after `excerpt`.
12. **Sub-resource lists** (`/v1/participants/{id}/statements`, …) answer `404` when the parent does \
not exist and accept every filter and `sort` of the listed kind, combined with the scope by AND. \
`/v1/participants/{id}/articles` lists the articles whose `participants` contain it.
13. **Cursors** must be sent with the same `q`, filters and `sort` as the request that produced them \
(`limit` may change); a cursor the server cannot read, or one from another query, is a `400`.
14. **CSV** (`format=csv`, or `Accept: text/csv` unless `format=json`): `text/csv; charset=utf-8`, \
CRLF line ends, a header row even for an empty page, one fixed column set per kind (listed on each \
list operation), `null` as an empty cell, list values joined with `;`, LocalizedText as `<field>_en` \
and `<field>_ar` columns (other languages only in JSON), and `score`, `snippet` as the last columns \
with `q`. Search, volume and timeline answer JSON only.
15. **Paging headers.** `Link: <…>; rel="next"` (the same request with `cursor` set to \
`next_cursor`, absent on the last page) and `X-Total-Count` accompany every list page and search \
page, JSON and CSV alike.
16. **ETags.** Every `GET` under `/v1` (resources, lists, search, volume, timeline) and \
`/openapi.json` carries a strong `ETag` and honours `If-None-Match` (`304`); `/health`, `/ready` and \
`/metrics` do not. Writes answering `200`/`201` carry the new `ETag`. `If-Match` takes `*` or a list \
of tags; on a `PUT` to a missing resource any `If-Match` fails with `412`.
17. **Location** is an absolute path (`/v1/articles/{id}`), sent on every `201`, `PUT` included.
18. **Volume.** `kind` defaults to `articles` and `interval` to `day`. Because `kind` names the \
resource kind here, the statements' `kind` filter is spelled `statement_kind`; a filter of the \
other kind is a `400`. Periods are UTC: `day` `2017-01-23`, `week` ISO `2017-W04`, `month` \
`2017-01`, ascending. The range is `[from, to]` when given, else first to last counted item; items \
without a date are not counted; a range of more than 10000 periods is a `400`.
19. **Timeline** (`/v1/talks/{id}/timeline`): `{"items": [{"kind", "id", "at", "resource"}]}` with \
every article and statement of the round, unpaginated. `at` is an article's `published_at` (time) or \
a statement's `said_on` (date); ascending, a date counting as `00:00:00Z` of its day; equal instants \
put `articles` before `statements`, then `id`; items with `at: null` come last (`articles` first, \
then by `id`). `resource` is the article list item (with `excerpt`; `include=body` adds `body`) or \
the full statement.
20. **Fetch.** The server always fetches the page. The stored `url` is the page's canonical URL when \
it declares one, else the final URL after redirects. `200` returns the already stored article \
unchanged (the request's `talks` are not merged). `encoding` is the lower-case IANA name of the \
charset the page was decoded from. Each statement candidate names a known participant, `confidence` \
is in `[0, 1]`. `502`: the remote answered a non-2xx status, failed to connect, sent something \
other than an HTML or text page, or more than the size limit; `504`: it did not answer in time.
21. **Problems.** `type` is `about:blank` and `title` the status's reason phrase; `detail` explains. \
`errors` appears only on `422`, `references` only on the `409` of a delete. `status` equals the \
HTTP status.
22. **Authentication.** A missing or wrong key is a `401` with `WWW-Authenticate: Bearer` \
(`Bearer error="invalid_token"` when a key was sent but is wrong).
23. **Readiness.** Until seeds and journal are loaded, `/ready` answers `503` with \
`{"status": "starting"}` and every `/v1` request answers `503` (problem, `Retry-After`); `/health`, \
`/metrics` and `/openapi.json` answer normally. `/health` is `200` whenever the process serves.
24. **OPTIONS.** A pre-flight (`Access-Control-Request-Method` present) answers `204` with the CORS \
headers; a plain `OPTIONS` answers `204` with `Allow`. `405` is documented per path, not as \
operations. `HEAD` is documented as `head` operations.
"""


def ref(section, name):
    """A reference to a component."""
    return {"$ref": f"#/components/{section}/{name}"}


def schema(name):
    return ref("schemas", name)


def nullable_ref(name, description=None):
    """A $ref'd schema or null (a $ref cannot take a type list)."""
    result = {"anyOf": [schema(name), {"type": "null"}]}
    if description:
        result["description"] = description
    return result


def with_description(value, description):
    return {**value, "description": description}


def id_ref(description):
    return with_description(schema("ResourceId"), description)


def id_list(description):
    return {"type": "array", "items": schema("ResourceId"), "description": description}


def nullable_enum(values, description):
    return {"type": ["string", "null"], "enum": values + [None], "description": description}


def string(description, nullable=False, min_length=None):
    result = {"type": ["string", "null"] if nullable else "string"}
    if min_length is not None:
        result["minLength"] = min_length
    result["description"] = description
    return result


def time_field(description, nullable=False, read_only=False):
    if nullable:
        result = nullable_ref("Timestamp", description)
    else:
        result = with_description(schema("Timestamp"), description)
    if read_only:
        result["readOnly"] = True
    return result


def date_field(description):
    return nullable_ref("CalendarDate", description)


def input_time(description):
    return {"type": ["string", "null"], "format": "date-time", "description": description}


SCORE_PROPERTIES = {
    "score": {"type": "number", "description": "BM25 relevance; only with `q`."},
    "snippet": {
        "type": "string",
        "description": "The best matching passage, HTML-escaped, matches wrapped in `<mark>…</mark>`; only with `q`.",
    },
}


# --- Resource fields: (name, schema, server_set) in the order of the contract's tables ----------

def participant_fields():
    return [
        ("id", id_ref("The participant's id.")),
        ("kind", schema("ParticipantKind")),
        ("name", with_description(schema("LocalizedText"), "The name in each language.")),
        ("aliases", {
            "type": "array", "items": {"type": "string", "minLength": 1},
            "description": "Other spellings, any script (`دى ميستورا`, `de Mistura`).",
        }),
        ("role", nullable_ref("LocalizedText", "e.g. \"UN Special Envoy for Syria\".")),
        ("affiliation", {
            "anyOf": [schema("ResourceId"), {"type": "null"}],
            "description": "The id of the delegation, state or organisation it belongs to.",
        }),
        ("side", nullable_enum(SIDES, "The side it takes in the talks.")),
    ]


def talks_fields():
    return [
        ("id", id_ref("The round's id.")),
        ("name", with_description(schema("LocalizedText"), "The round's name in each language.")),
        ("process", string("The process it belongs to, e.g. `astana`, `geneva`.", nullable=True, min_length=1)),
        ("location", nullable_ref("Location", "Where the round takes place.")),
        ("start_date", date_field("First day of the round.")),
        ("end_date", date_field("Last day of the round; `end_date` ≥ `start_date`.")),
        ("participants", id_list("Ids of the participants taking part.")),
        ("summary", nullable_ref("LocalizedText", "A summary in each language.")),
    ]


def article_fields(list_item=False):
    body = ("body", string("Plain text, paragraphs separated by `\\n\\n`.", min_length=1))
    excerpt = ("excerpt", string(
        "About the first 280 characters of `body`, cut at a word boundary, ending in `…` when cut."
    ), True)
    fields = [
        ("id", id_ref("The article's id.")),
        ("title", string("The headline.", min_length=1)),
    ]
    if list_item:
        fields.append(excerpt)
    fields.append(body)
    fields += [
        ("language", with_description(schema("LanguageTag"), "The article's language (`ar`, `en`, …).")),
        ("url", nullable_ref("HttpUrl", "Where the article is published; unique among articles.")),
        ("source", string("The outlet, e.g. `elmaouid`.", nullable=True, min_length=1)),
        ("section", string("The outlet's section.", nullable=True, min_length=1)),
        ("author", string("Who wrote it.", nullable=True, min_length=1)),
        ("published_at", time_field("When it was published.", nullable=True)),
        ("talks", id_list("Ids of the rounds it covers.")),
        ("participants", id_list("Ids of the participants it mentions.")),
        ("fetched_at", time_field("Server-set when the article came from `POST /v1/articles/fetch`.",
                                  nullable=True, read_only=True), True),
    ]
    return fields


def statement_fields():
    return [
        ("id", id_ref("The statement's id.")),
        ("participant", id_ref("The speaker's participant id.")),
        ("text", string("What was said, in the original language.", min_length=1)),
        ("language", with_description(schema("LanguageTag"), "The language of `text`.")),
        ("kind", schema("StatementKind")),
        ("article", {
            "anyOf": [schema("ResourceId"), {"type": "null"}],
            "description": "The id of the article that reported it.",
        }),
        ("talks", {
            "anyOf": [schema("ResourceId"), {"type": "null"}],
            "description": "The id of the round it belongs to.",
        }),
        ("said_on", date_field("The day it was said.")),
        ("topics", {
            "type": "array", "items": {"type": "string", "minLength": 1},
            "description": "Free tags, e.g. `ceasefire`, `humanitarian-aid`.",
        }),
        ("translation", nullable_ref("LocalizedText", "Translations of `text`.")),
        ("context", string("The sentence or paragraph around it in the article.", nullable=True)),
    ]


def normalized(fields):
    """Pad (name, schema) pairs to (name, schema, server_set) triples."""
    return [field if len(field) == 3 else (*field, False) for field in fields]


def timestamps():
    return [
        ("created_at", time_field("When the server stored it first.", read_only=True), True),
        ("updated_at", time_field("When the server stored its current version.", read_only=True), True),
    ]


def output_schema(description, fields, extra=None, optional=(), example=None):
    properties = {name: value for name, value, _ in fields}
    required = [name for name, _, _ in fields if name not in optional]
    if extra:
        properties.update(extra)
    result = {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if example is not None:
        result["examples"] = [example]
    return result


INPUT_OVERRIDES = {
    "published_at": input_time("When it was published (any RFC 3339 offset; stored in UTC)."),
}


def input_schema(description, fields, required):
    properties = {}
    for name, value, server_set in fields:
        if server_set:
            properties[name] = {"readOnly": True, "description": "Server-set; ignored on input."}
        else:
            properties[name] = INPUT_OVERRIDES.get(name, value)
    properties["id"] = with_description(
        schema("ResourceId"),
        "Optional: the server makes one when absent. On `PUT` it must equal the path's id.",
    )
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


PARTICIPANT_EXAMPLE = {
    "id": "staffan-de-mistura",
    "kind": "person",
    "name": {"en": "Staffan de Mistura", "ar": "ستافان دي ميستورا"},
    "aliases": ["دى ميستورا", "de Mistura"],
    "role": {"en": "UN Special Envoy for Syria", "ar": "المبعوث الأممي الخاص إلى سوريا"},
    "affiliation": "united-nations",
    "side": "mediator",
    "created_at": "2017-01-24T09:00:00Z",
    "updated_at": "2017-01-24T09:00:00Z",
}

TALKS_EXAMPLE = {
    "id": "astana-2017-01",
    "name": {"en": "Astana talks, January 2017", "ar": "محادثات أستانة"},
    "process": "astana",
    "location": {"city": "Astana", "country": "KZ"},
    "start_date": "2017-01-23",
    "end_date": "2017-01-24",
    "participants": ["staffan-de-mistura"],
    "summary": None,
    "created_at": "2017-01-24T09:00:00Z",
    "updated_at": "2017-01-24T09:00:00Z",
}

STATEMENT_EXAMPLE = {
    "id": "01h5z7k3q8w2e4r6t8y0u2i4o6",
    "participant": "staffan-de-mistura",
    "text": "نأمل أن تعزز المحادثات الهدنة",
    "language": "ar",
    "kind": "reported",
    "article": "01h5z7k3q8w2e4r6t8y0u2i4o5",
    "talks": "astana-2017-01",
    "said_on": "2017-01-23",
    "topics": ["ceasefire"],
    "translation": {"en": "We hope the talks strengthen the truce"},
    "context": None,
    "created_at": "2017-01-24T09:00:00Z",
    "updated_at": "2017-01-24T09:00:00Z",
}


def resource_schemas():
    participant = normalized(participant_fields()) + timestamps()
    talks = normalized(talks_fields()) + timestamps()
    article = normalized(article_fields()) + timestamps()
    article_item = normalized(article_fields(list_item=True)) + timestamps()
    statement = normalized(statement_fields()) + timestamps()
    schemas = {
        "Participant": output_schema(
            "Who takes part in talks or is quoted. Responses always carry every field "
            "(`null` or `[]` when unset).", participant, example=PARTICIPANT_EXAMPLE),
        "ParticipantInput": input_schema(
            "The body of `POST /v1/participants` and `PUT /v1/participants/{id}`.", participant, ["kind", "name"]),
        "ParticipantListItem": output_schema(
            "A participant in a list; `score` and `snippet` only with `q`.", participant, SCORE_PROPERTIES),
        "Talks": output_schema(
            "One round or event of a peace process. Responses always carry every field.", talks,
            example=TALKS_EXAMPLE),
        "TalksInput": input_schema("The body of `POST /v1/talks` and `PUT /v1/talks/{id}`.", talks, ["name"]),
        "TalksListItem": output_schema(
            "A round in a list; `score` and `snippet` only with `q`.", talks, SCORE_PROPERTIES),
        "Article": output_schema(
            "One piece of coverage, with its `body`. Responses always carry every field.", article),
        "ArticleInput": input_schema(
            "The body of `POST /v1/articles` and `PUT /v1/articles/{id}`.", article, ["title", "body", "language"]),
        "ArticleListItem": output_schema(
            "An article in a list: no `body` but an `excerpt`; `include=body` adds `body` after `excerpt`. "
            "Field order: `id`, `title`, `excerpt`, (`body`), `language`, `url`, `source`, `section`, `author`, "
            "`published_at`, `talks`, `participants`, `fetched_at`, `created_at`, `updated_at`, "
            "(`score`, `snippet`).",
            article_item, SCORE_PROPERTIES, optional=("body",)),
        "Statement": output_schema(
            "Something a participant said. Responses always carry every field.", statement,
            example=STATEMENT_EXAMPLE),
        "StatementInput": input_schema(
            "The body of `POST /v1/statements` and `PUT /v1/statements/{id}`; `kind` defaults to `reported`.",
            statement, ["participant", "text", "language"]),
        "StatementListItem": output_schema(
            "A statement in a list; `score` and `snippet` only with `q`.", statement, SCORE_PROPERTIES),
    }
    schemas["StatementInput"]["properties"]["kind"] = {**schema("StatementKind"), "default": "reported"}
    for name, item in [("Participant", "ParticipantListItem"), ("Talks", "TalksListItem"),
                       ("Article", "ArticleListItem"), ("Statement", "StatementListItem")]:
        schemas[f"{name}List"] = list_envelope(f"A page of {name.lower()} list items.", schema(item))
    return schemas


def list_envelope(description, items):
    return {
        "type": "object",
        "description": description,
        "properties": {
            "items": {"type": "array", "items": items},
            "next_cursor": {
                "type": ["string", "null"],
                "description": "Pass as `cursor` for the next page; `null` on the last page.",
            },
            "total": {"type": "integer", "minimum": 0, "description": "Every match of the filter, not only this page."},
        },
        "required": ["items", "next_cursor", "total"],
        "additionalProperties": False,
    }


def closed_object(description, properties, required=None, example=None):
    result = {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }
    if example is not None:
        result["examples"] = [example]
    return result


def basic_schemas():
    return {
        "ResourceId": {
            "type": "string",
            "description": "1–64 chars of `[a-z0-9-]`, starting with a letter or digit.",
            "pattern": ID_PATTERN,
            "examples": ["staffan-de-mistura"],
        },
        "ResourceKind": {
            "type": "string",
            "description": "A resource kind: the plural name used in paths.",
            "enum": KINDS,
        },
        "LanguageTag": {
            "type": "string",
            "description": "A BCP-47 language tag (`ar`, `en`, `en-GB`).",
            "pattern": LANGUAGE_TAG_PATTERN,
        },
        "LocalizedText": {
            "type": "object",
            "description": "Text by BCP-47 language tag: `{\"en\": \"…\", \"ar\": \"…\"}`; at least one entry.",
            "propertyNames": schema("LanguageTag"),
            "additionalProperties": {"type": "string", "minLength": 1},
            "minProperties": 1,
            "examples": [{"en": "Astana talks", "ar": "محادثات أستانة"}],
        },
        "Timestamp": {
            "type": "string",
            "format": "date-time",
            "description": "An RFC 3339 UTC time in whole seconds, as the server writes it.",
            "pattern": TIME_PATTERN,
            "examples": ["2017-01-23T09:00:00Z"],
        },
        "CalendarDate": {
            "type": "string",
            "format": "date",
            "description": "A calendar date `YYYY-MM-DD`.",
            "pattern": DATE_PATTERN,
            "examples": ["2017-01-23"],
        },
        "DateOrTime": {
            "description": "A date (`2017-01-23`) or an RFC 3339 time (`2017-01-23T09:00:00Z`).",
            "anyOf": [
                {"type": "string", "format": "date", "pattern": DATE_PATTERN},
                {"type": "string", "format": "date-time"},
            ],
        },
        "HttpUrl": {
            "type": "string",
            "format": "uri",
            "description": "An absolute http(s) URL.",
            "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://",
        },
        "ParticipantKind": {"type": "string", "enum": PARTICIPANT_KINDS, "description": "What the participant is."},
        "Side": {"type": "string", "enum": SIDES, "description": "The side a participant takes."},
        "StatementKind": {
            "type": "string",
            "enum": STATEMENT_KINDS,
            "description": "`direct` quote or `reported` speech.",
        },
        "Location": closed_object("Where a round takes place.", {
            "city": {"type": "string", "minLength": 1},
            "country": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2."},
        }),
    }


def other_schemas():
    timeline_article = closed_object("An article of the round.", {
        "kind": {"const": "articles"},
        "id": schema("ResourceId"),
        "at": nullable_ref("Timestamp", "The article's `published_at`."),
        "resource": schema("ArticleListItem"),
    })
    timeline_statement = closed_object("A statement of the round.", {
        "kind": {"const": "statements"},
        "id": schema("ResourceId"),
        "at": nullable_ref("CalendarDate", "The statement's `said_on`."),
        "resource": schema("Statement"),
    })
    return {
        "MergePatch": {
            "type": "object",
            "description": (
                "A JSON Merge Patch (RFC 7396) of the resource: members replace fields, `null` removes one "
                "(an optional field becomes `null`, a list `[]`; a required one gives `422`). The patched "
                "resource must be a valid input body of its kind; `id` cannot change; server-set fields are "
                "ignored."
            ),
            "examples": [{"side": "mediator", "aliases": ["de Mistura"], "role": None}],
        },
        "SearchHit": closed_object("One result of `/v1/search`.", {
            "kind": schema("ResourceKind"),
            "id": schema("ResourceId"),
            "score": {"type": "number", "description": "BM25 relevance."},
            "snippet": SCORE_PROPERTIES["snippet"] | {"description": "The best matching passage, matches in `<mark>`."},
        }),
        "SearchResult": list_envelope("One ranked result list over all kinds.", schema("SearchHit")),
        "TimelineArticleEntry": timeline_article,
        "TimelineStatementEntry": timeline_statement,
        "Timeline": closed_object(
            "Every article and statement of a round in time order. `at` is an article's `published_at` or a "
            "statement's `said_on`; ascending, a date counting as `00:00:00Z` of its day; equal instants put "
            "`articles` before `statements`, then `id`; entries with `at: null` come last (`articles` first, "
            "then `id`). Not paginated.",
            {"items": {"type": "array", "items": {"oneOf": [
                schema("TimelineArticleEntry"), schema("TimelineStatementEntry"),
            ]}}},
        ),
        "VolumeBucket": closed_object("The count of one period.", {
            "period": {
                "type": "string",
                "description": "UTC period: `2017-01-23` (day), `2017-W04` (ISO week) or `2017-01` (month).",
                "pattern": "^[0-9]{4}-([0-9]{2}-[0-9]{2}|W[0-9]{2}|[0-9]{2})$",
            },
            "count": {"type": "integer", "minimum": 0},
        }),
        "Volume": closed_object(
            "Coverage volume: one bucket per period of the range, ascending, empty periods with `0`.",
            {"items": {"type": "array", "items": schema("VolumeBucket")}},
            example={"items": [{"period": "2017-01-23", "count": 12}, {"period": "2017-01-24", "count": 0}]},
        ),
        "FetchRequest": closed_object("What `POST /v1/articles/fetch` should fetch.", {
            "url": with_description(schema("HttpUrl"), "The page to fetch."),
            "talks": id_list("Ids of rounds the new article covers."),
        }, required=["url"], example={"url": "https://www.elmaouid.com/article/astana", "talks": ["astana-2017-01"]}),
        "StatementCandidate": closed_object("A statement the extractor proposes; not stored.", {
            "participant": id_ref("The speaker, a known participant."),
            "text": {"type": "string", "minLength": 1},
            "kind": schema("StatementKind"),
            "context": {"type": "string", "description": "The sentence around it."},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        }),
        "FetchResponse": closed_object("The stored article and what the extractor found.", {
            "article": schema("Article"),
            "encoding": {
                "type": "string",
                "description": "Lower-case IANA name of the page's charset, e.g. `windows-1256`.",
                "examples": ["windows-1256"],
            },
            "statement_candidates": {"type": "array", "items": schema("StatementCandidate")},
        }),
        "FieldError": closed_object("One broken rule.", {
            "field": {
                "type": "string",
                "description": "JSON path of the field: `name`, `location.country`, `aliases[2]`.",
            },
            "message": {"type": "string"},
        }),
        "Reference": closed_object("A resource that references the one being deleted.", {
            "kind": schema("ResourceKind"),
            "id": schema("ResourceId"),
        }),
        "Problem": closed_object("An RFC 9457 problem.", {
            "type": {"type": "string", "format": "uri-reference", "description": "`about:blank`."},
            "title": {"type": "string", "description": "The status's reason phrase."},
            "status": {"type": "integer", "minimum": 400, "maximum": 599, "description": "The HTTP status."},
            "detail": {"type": "string", "description": "What went wrong, for a human."},
            "instance": {"type": "string", "format": "uri-reference"},
            "errors": {
                "type": "array",
                "items": schema("FieldError"),
                "minItems": 1,
                "description": "Only on `422`: every broken rule.",
            },
            "references": {
                "type": "array",
                "items": schema("Reference"),
                "minItems": 1,
                "description": "Only on the `409` of a delete: every referencing resource.",
            },
        }, required=["type", "title", "status"], example={
            "type": "about:blank", "title": "Unprocessable Content", "status": 422,
            "detail": "The body breaks 1 rule.", "errors": [{"field": "end_date", "message": "is before start_date"}],
        }),
        "ValidationProblem": {
            "description": "A `422` problem: `errors` lists every broken rule.",
            "allOf": [schema("Problem"), {"required": ["errors"]}],
        },
        "ReferencedProblem": {
            "description": "A `409` problem of a delete: `references` lists every referencing resource.",
            "allOf": [schema("Problem"), {"required": ["references"]}],
        },
        "Health": closed_object("Liveness.", {"status": {"const": "ok"}}),
        "Ready": closed_object("Readiness.", {"status": {"enum": ["ready", "starting"]}}),
        "OpenAPIDocument": {"type": "object", "description": "This document."},
    }


# --- Parameters -------------------------------------------------------------------------------

def query(name, schema_value, description, array=False):
    if array:
        schema_value = {"type": "array", "items": schema_value}
        description += " Repeat it or separate values with commas: any value matches (OR)."
    param = {"name": name, "in": "query", "description": description, "required": False, "schema": schema_value}
    if array:
        param["style"] = "form"
        param["explode"] = True
    return param


def header(name, schema_value, description):
    return {"name": name, "in": "header", "description": description, "required": False, "schema": schema_value}


PARAMETERS = {
    "id": {"name": "id", "in": "path", "required": True, "description": "The resource's id.",
           "schema": schema("ResourceId")},
    "pretty": query("pretty", {"type": "boolean", "default": False},
                    "`true` indents the JSON output; accepted everywhere, ignored for non-JSON bodies."),
    "limit": query("limit", {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                   "Page size, 1–100."),
    "cursor": query("cursor", {"type": "string", "minLength": 1},
                    "The opaque `next_cursor` of the previous page; send the same `q`, filters and `sort`."),
    "format": query("format", {"type": "string", "enum": ["json", "csv"], "default": "json"},
                    "`csv` returns the page as RFC 4180 CSV (as `Accept: text/csv` does)."),
    "include": query("include", {"type": "string", "enum": ["body"]},
                     "`body` adds each article's `body` after its `excerpt`."),
    "q": query("q", {"type": "string"},
               "Full-text query (see the search rules in the document description). On a list it adds `score` "
               "and `snippet` to each item and makes relevance the default order. Blank means no query."),
    "from": query("from", schema("DateOrTime"), "Inclusive lower bound, a date or an RFC 3339 time."),
    "to": query("to", schema("DateOrTime"), "Inclusive upper bound, a date or an RFC 3339 time."),
    "language": query("language", schema("LanguageTag"), "Only items in this language.", array=True),
    "source": query("source", {"type": "string", "minLength": 1}, "Only articles from this outlet.", array=True),
    "participantFilter": query("participant", schema("ResourceId"), "Only items linked to this participant.",
                               array=True),
    "talksFilter": query("talks", schema("ResourceId"), "Only items linked to this round.", array=True),
    "articleFilter": query("article", schema("ResourceId"), "Only statements reported by this article.",
                           array=True),
    "affiliation": query("affiliation", schema("ResourceId"), "Only participants affiliated to this one.",
                         array=True),
    "participantKind": query("kind", schema("ParticipantKind"), "Only participants of this kind.", array=True),
    "side": query("side", schema("Side"), "Only participants on this side.", array=True),
    "statementKind": query("kind", schema("StatementKind"), "Only statements of this kind.", array=True),
    "topic": query("topic", {"type": "string", "minLength": 1}, "Only statements with this topic.", array=True),
    "process": query("process", {"type": "string", "minLength": 1}, "Only rounds of this process.", array=True),
    "articleSort": query("sort", {"type": "string", "enum": ["published_at", "-published_at"],
                                  "default": "-published_at"},
                         "Order by `published_at` (default newest first; with `q`, relevance). Ties by `id`."),
    "participantSort": query("sort", {"type": "string", "enum": ["name"], "default": "name"},
                             "Order by English name, else the first name (the default; with `q`, relevance). "
                             "Ties by `id`."),
    "statementSort": query("sort", {"type": "string", "enum": ["said_on", "-said_on"], "default": "-said_on"},
                           "Order by `said_on` (default newest first; with `q`, relevance). Ties by `id`."),
    "talksSort": query("sort", {"type": "string", "enum": ["start_date", "-start_date"], "default": "-start_date"},
                       "Order by `start_date` (default newest first; with `q`, relevance). Ties by `id`."),
    "searchQuery": {**query("q", {"type": "string", "minLength": 1},
                            "Full-text query with at least one positive term (see the search rules)."),
                    "required": True},
    "searchKind": query("kind", schema("ResourceKind"), "Only results of these kinds.", array=True),
    "volumeKind": query("kind", {"type": "string", "enum": ["articles", "statements"], "default": "articles"},
                        "What to count: `articles` by `published_at` or `statements` by `said_on`."),
    "interval": query("interval", {"type": "string", "enum": ["day", "week", "month"], "default": "day"},
                      "Period length: `day`, ISO `week` or `month` (UTC)."),
    "volumeStatementKind": query("statement_kind", schema("StatementKind"),
                                 "With `kind=statements`: only statements of this kind (the statements list's "
                                 "`kind` filter).", array=True),
    "ifNoneMatch": header("If-None-Match", {"type": "string"}, "ETags the client holds; a match answers `304`."),
    "ifMatch": header("If-Match", {"type": "string"},
                      "`*` or ETags; the write happens only when the current `ETag` matches (`412` otherwise)."),
    "requestId": header("X-Request-Id", {"type": "string", "pattern": REQUEST_ID_PATTERN},
                        "Echoed in the response when it matches `[A-Za-z0-9._:-]{1,128}`, else replaced."),
    "origin": header("Origin", {"type": "string"}, "The pre-flight's origin."),
    "accessControlRequestMethod": header("Access-Control-Request-Method", {"type": "string"},
                                         "The method of the actual request (marks a pre-flight)."),
    "accessControlRequestHeaders": header("Access-Control-Request-Headers", {"type": "string"},
                                          "The headers of the actual request."),
}

FILTERS = {
    "articles": ["q", "language", "source", "participantFilter", "talksFilter", "from", "to", "articleSort"],
    "participants": ["q", "participantKind", "side", "talksFilter", "affiliation", "participantSort"],
    "statements": ["q", "participantFilter", "talksFilter", "articleFilter", "language", "statementKind", "topic",
                   "from", "to", "statementSort"],
    "talks": ["q", "process", "participantFilter", "from", "to", "talksSort"],
}

CSV_COLUMNS = {
    "articles": "id, title, excerpt, (body with `include=body`), language, url, source, section, author, "
                "published_at, talks, participants, fetched_at, created_at, updated_at",
    "participants": "id, kind, name_en, name_ar, aliases, role_en, role_ar, affiliation, side, created_at, "
                    "updated_at",
    "statements": "id, participant, text, language, kind, article, talks, said_on, topics, translation_en, "
                  "translation_ar, context, created_at, updated_at",
    "talks": "id, name_en, name_ar, process, location_city, location_country, start_date, end_date, participants, "
             "summary_en, summary_ar, created_at, updated_at",
}

FROM_TO_NOTES = {
    "articles": "`from`/`to` apply to `published_at`.",
    "participants": "",
    "statements": "`from`/`to` apply to `said_on`.",
    "talks": "`from`/`to` match rounds whose `[start_date, end_date]` overlaps the range.",
}


def params(*names):
    return [ref("parameters", name) for name in names]


def list_params(kind):
    names = list(FILTERS[kind])
    if kind == "articles":
        names.append("include")
    return params(*names, "limit", "cursor", "format", "pretty", "ifNoneMatch", "requestId")


# --- Headers and responses --------------------------------------------------------------------

HEADERS = {
    "ETag": {"description": "A strong entity tag of the representation.", "schema": {"type": "string"}},
    "Location": {"description": "Absolute path of the created resource, e.g. `/v1/articles/{id}`.",
                 "schema": {"type": "string", "format": "uri-reference"}},
    "Link": {"description": "`<…>; rel=\"next\"`: this request with `cursor` set to `next_cursor`; absent on the "
                            "last page.", "schema": {"type": "string"}},
    "X-Total-Count": {"description": "The list's `total`.", "schema": {"type": "integer", "minimum": 0}},
    "X-Request-Id": {"description": "The client's id when valid, else a generated one.",
                     "schema": {"type": "string", "pattern": REQUEST_ID_PATTERN}},
    "WWW-Authenticate": {"description": "`Bearer` (`Bearer error=\"invalid_token\"` for a wrong key).",
                         "schema": {"type": "string"}},
    "Allow": {"description": "The methods the path serves, e.g. `GET, HEAD, POST, OPTIONS`.",
              "schema": {"type": "string"}},
    "Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer", "minimum": 0}},
    "Access-Control-Allow-Origin": {"description": "The request's origin when configured, or `*` (the default).",
                                    "schema": {"type": "string"}},
    "Access-Control-Allow-Methods": {"description": "Every method of the route.", "schema": {"type": "string"}},
    "Access-Control-Allow-Headers": {
        "description": "`Authorization, Content-Type, If-Match, If-None-Match, X-Request-Id`.",
        "schema": {"type": "string"},
    },
    "Access-Control-Max-Age": {"description": "Seconds a pre-flight answer may be cached.",
                               "schema": {"type": "integer", "minimum": 0}},
}


def headers(*names):
    return {name: ref("headers", name) for name in names + ("X-Request-Id",)}


def problem_content(name="Problem"):
    return {"application/problem+json": {"schema": schema(name)}}


def error_response(description, extra_headers=(), problem="Problem"):
    return {"description": description, "headers": headers(*extra_headers), "content": problem_content(problem)}


RESPONSES = {
    "NotModified": {"description": "Not Modified: `If-None-Match` matched; no body.", "headers": headers("ETag")},
    "BadRequest": error_response(
        "Bad Request: malformed HTTP (including `Content-Length` with `Transfer-Encoding`, or a final coding "
        "other than `chunked`), malformed JSON or invalid UTF-8, or a bad query parameter."),
    "Unauthorized": error_response("Unauthorized: no valid `Authorization: Bearer <key>`.", ("WWW-Authenticate",)),
    "NotFound": error_response("Not Found: no such resource or route."),
    "MethodNotAllowed": error_response("Method Not Allowed: a known path with a method it does not serve.",
                                       ("Allow",)),
    "RequestTimeout": error_response("Request Timeout: the request was not received in time; the connection "
                                     "closes."),
    "IdConflict": error_response("Conflict: a resource with this id exists already."),
    "ReferencedConflict": error_response("Conflict: other resources still reference this one; `references` lists "
                                         "every one of them.", problem="ReferencedProblem"),
    "LengthRequired": error_response("Length Required: a body-carrying request without `Content-Length` or "
                                     "chunked encoding."),
    "PreconditionFailed": error_response("Precondition Failed: `If-Match` does not match the current `ETag`."),
    "ContentTooLarge": error_response("Content Too Large: the body is over the limit (default 1 MiB)."),
    "URITooLong": error_response("URI Too Long: the request target is over the limit (default 8 KiB)."),
    "UnsupportedMediaType": error_response("Unsupported Media Type: the body is not JSON."),
    "UnprocessableContent": error_response("Unprocessable Content: the JSON breaks a rule; `errors` lists every "
                                           "broken rule.", problem="ValidationProblem"),
    "RequestHeaderFieldsTooLarge": error_response("Request Header Fields Too Large: the header section is over the "
                                                  "limit (default 16 KiB, 100 fields)."),
    "NotImplemented": error_response("Not Implemented: a transfer coding other than `chunked`."),
    "BadGateway": error_response("Bad Gateway: the remote page could not be fetched."),
    "ServiceUnavailable": error_response("Service Unavailable: not ready yet, or shedding load.", ("Retry-After",)),
    "GatewayTimeout": error_response("Gateway Timeout: the remote page did not answer in time."),
    "HTTPVersionNotSupported": error_response("HTTP Version Not Supported: only HTTP/1.0 and HTTP/1.1."),
}

STATUS_RESPONSES = {
    "304": "NotModified", "400": "BadRequest", "401": "Unauthorized", "404": "NotFound",
    "405": "MethodNotAllowed", "408": "RequestTimeout", "411": "LengthRequired", "412": "PreconditionFailed",
    "413": "ContentTooLarge", "414": "URITooLong", "415": "UnsupportedMediaType", "422": "UnprocessableContent",
    "431": "RequestHeaderFieldsTooLarge", "501": "NotImplemented", "502": "BadGateway", "503": "ServiceUnavailable",
    "504": "GatewayTimeout", "505": "HTTPVersionNotSupported",
}

# Framing and load errors that can answer any request.
COMMON_ERRORS = ["400", "408", "413", "414", "431", "501", "503", "505"]


def responses(own, errors, extra=None):
    """Own (inline) responses, then the listed error statuses and the common ones, in numeric order."""
    result = dict(own)
    for status in sorted(set(errors) | set(COMMON_ERRORS) | set(extra or {})):
        if extra and status in extra:
            result[status] = extra[status]
        elif status not in result:
            result[status] = ref("responses", STATUS_RESPONSES[status])
    return dict(sorted(result.items()))


def json_content(name):
    return {"application/json": {"schema": schema(name)}}


def list_ok(kind, item_name):
    return {
        "description": "A page of matches.",
        "headers": headers("ETag", "Link", "X-Total-Count"),
        "content": {
            "application/json": {"schema": schema(f"{item_name}List")},
            "text/csv": {"schema": {"type": "string", "description": f"Columns: {CSV_COLUMNS[kind]}."}},
        },
    }


def resource_ok(name, description, *extra_headers):
    return {"description": description, "headers": headers(*extra_headers), "content": json_content(name)}


# --- Operations -------------------------------------------------------------------------------

SINGULAR = {"articles": "Article", "participants": "Participant", "statements": "Statement", "talks": "Talks"}
TAGS = {"articles": "Articles", "participants": "Participants", "statements": "Statements", "talks": "Talks"}
WRITE_SECURITY = [{"bearerAuth": []}]


def operation(op_id, summary, tag, parameters, responses_value, description=None, body=None, write=False):
    result = {"operationId": op_id, "summary": summary}
    if description:
        result["description"] = description
    result["tags"] = [tag]
    if write:
        result["security"] = WRITE_SECURITY
    result["parameters"] = parameters
    if body:
        result["requestBody"] = body
    result["responses"] = responses_value
    return result


def head_of(get_op):
    """The HEAD twin of a GET: same parameters and statuses, no bodies."""
    own = {}
    for status, response in get_op["responses"].items():
        if "$ref" in response or "content" not in response:
            own[status] = response
        else:
            own[status] = {"description": response["description"] + " Headers only.",
                           "headers": response["headers"]}
    get_id = get_op["operationId"].removeprefix("get")
    return {
        "operationId": "head" + get_id[0].upper() + get_id[1:],
        "summary": get_op["summary"] + " (headers only)",
        "description": "`HEAD` of the `GET`: the same status and headers, no body.",
        "tags": get_op["tags"],
        "parameters": get_op["parameters"],
        "responses": own,
    }


def options_op(op_id, tag, methods):
    return {
        "operationId": op_id,
        "summary": "CORS pre-flight",
        "description": f"A pre-flight answers `204` with the CORS headers; a plain `OPTIONS` answers `204` with "
                       f"`Allow: {methods}`.",
        "tags": [tag],
        "parameters": params("origin", "accessControlRequestMethod", "accessControlRequestHeaders", "requestId"),
        "responses": responses({"204": {
            "description": "No Content: the methods and headers the path accepts.",
            "headers": headers("Allow", "Access-Control-Allow-Origin", "Access-Control-Allow-Methods",
                               "Access-Control-Allow-Headers", "Access-Control-Max-Age"),
        }}, []),
    }


def path_item(description, tag, op_id_stem, allow, templated=False, **ops):
    item = {"description": f"{description} Methods: `{allow}`; any other is a `405` with `Allow`."}
    if templated:
        item["parameters"] = params("id")
    for method in ["get", "head", "post", "put", "patch", "delete"]:
        if method == "head" and "get" in ops:
            item["head"] = head_of(ops["get"])
        elif method in ops:
            item[method] = ops[method]
    item["options"] = options_op("options" + op_id_stem, tag, allow)
    return item


def body_of(name, media_types=("application/json",)):
    return {"required": True, "content": {media: {"schema": schema(name)} for media in media_types}}


def collection_path(kind):
    name, tag = SINGULAR[kind], TAGS[kind]
    plural = kind.capitalize()
    notes = " ".join(filter(None, [FROM_TO_NOTES[kind], f"CSV columns: {CSV_COLUMNS[kind]}."]))
    get = operation(
        f"list{plural}", f"List {kind}", tag, list_params(kind),
        responses({"200": list_ok(kind, name)}, ["304"]),
        description=f"Filtered, paginated list. {notes}",
    )
    post = operation(
        f"create{name}", "Create " + {"articles": "an article", "talks": "a round"}.get(kind, f"a {name.lower()}"), tag,
        params("pretty", "requestId"),
        responses({"201": resource_ok(name, "Created: the stored resource.", "Location", "ETag")},
                  ["401", "409", "411", "415", "422"], {"409": ref("responses", "IdConflict")}),
        description="Stores a new resource; the server makes an `id` when the body has none.",
        body=body_of(f"{name}Input"), write=True,
    )
    return path_item(f"The {kind} collection.", tag, plural, "GET, HEAD, POST, OPTIONS", get=get, post=post)


def resource_path(kind):
    name, tag = SINGULAR[kind], TAGS[kind]
    one = {"articles": "an article", "talks": "a round"}.get(kind, f"a {name.lower()}")
    # Nothing references a statement, so deleting one never conflicts.
    delete_errors = ["401", "404", "412"] + (["409"] if kind != "statements" else [])
    get = operation(
        f"get{name}", f"Get {one}", tag, params("pretty", "ifNoneMatch", "requestId"),
        responses({"200": resource_ok(name, "The resource.", "ETag")}, ["304", "404"]),
    )
    put = operation(
        f"replace{name}", f"Create or replace {one}", tag, params("pretty", "ifMatch", "requestId"),
        responses({
            "200": resource_ok(name, "Replaced: the stored resource.", "ETag"),
            "201": resource_ok(name, "Created: the stored resource.", "Location", "ETag"),
        }, ["401", "411", "412", "415", "422"]),
        description="Replaces the whole resource (`created_at` is kept), or creates it under this id.",
        body=body_of(f"{name}Input"), write=True,
    )
    patch = operation(
        f"patch{name}", f"Patch {one}", tag, params("pretty", "ifMatch", "requestId"),
        responses({"200": resource_ok(name, "Patched: the stored resource.", "ETag")},
                  ["401", "404", "411", "412", "415", "422"]),
        description="Applies a JSON Merge Patch (RFC 7396).",
        body=body_of("MergePatch", ("application/merge-patch+json", "application/json")), write=True,
    )
    delete = operation(
        f"delete{name}", f"Delete {one}", tag, params("ifMatch", "requestId"),
        responses({"204": {"description": "Deleted.", "headers": headers()}}, delete_errors,
                  {"409": ref("responses", "ReferencedConflict")} if "409" in delete_errors else None),
        description="Deletes it unless other resources reference it (`409` lists them; nothing cascades)."
        if "409" in delete_errors else "Deletes it.",
        write=True,
    )
    allow = "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"
    return path_item(f"One {name.lower() if kind != 'talks' else 'round'}.", tag, f"{name}ById", allow, templated=True,
                     get=get, put=put, patch=patch, delete=delete)


def sub_list_path(parent, kind, summary, scope):
    name = SINGULAR[kind]
    parent_name = SINGULAR[parent]
    op_id = f"list{parent_name}{kind.capitalize()}"
    get = operation(
        op_id, summary, TAGS[parent], list_params(kind),
        responses({"200": list_ok(kind, name)}, ["304", "404"]),
        description=f"{scope} Same filters, sort, paging and CSV as `GET /v1/{kind}`, combined with the scope by "
                    f"AND; `404` when the {parent_name.lower()} does not exist. {FROM_TO_NOTES[kind]}",
    )
    return path_item(summary + ".", TAGS[parent], f"{parent_name}{kind.capitalize()}", "GET, HEAD, OPTIONS",
                     templated=True, get=get)


def build_paths():
    paths = {}
    for kind in KINDS:
        paths[f"/v1/{kind}"] = collection_path(kind)
        if kind == "articles":
            paths["/v1/articles/fetch"] = fetch_path()
        paths[f"/v1/{kind}/{{id}}"] = resource_path(kind)
    paths["/v1/participants/{id}/statements"] = sub_list_path(
        "participants", "statements", "List a participant's statements", "Statements whose `participant` is it.")
    paths["/v1/participants/{id}/articles"] = sub_list_path(
        "participants", "articles", "List the articles that mention a participant",
        "Articles whose `participants` contain it.")
    paths["/v1/talks/{id}/statements"] = sub_list_path(
        "talks", "statements", "List a round's statements", "Statements whose `talks` is it.")
    paths["/v1/talks/{id}/articles"] = sub_list_path(
        "talks", "articles", "List a round's articles", "Articles whose `talks` contain it.")
    paths["/v1/talks/{id}/timeline"] = path_item("A round's timeline.", "Talks", "TalksTimeline",
                                                 "GET, HEAD, OPTIONS", templated=True, get=operation(
        "getTalksTimeline", "Get a round's timeline", "Talks", params("include", "pretty", "ifNoneMatch",
                                                                       "requestId"),
        responses({"200": resource_ok("Timeline", "The round's articles and statements in time order.", "ETag")},
                  ["304", "404"]),
        description="Every article and statement of the round in time order (see the `Timeline` schema); "
                    "`404` when the round does not exist.",
    ))
    paths["/v1/volume"] = volume_path()
    paths["/v1/search"] = search_path()
    paths.update(operations_paths())
    return paths


def fetch_path():
    post = operation(
        "fetchArticle", "Fetch, extract and store an article", "Articles", params("pretty", "requestId"),
        responses({
            "200": resource_ok("FetchResponse", "OK: that URL, its canonical URL or the same text is stored already; "
                                                "the existing article, unchanged.", "ETag"),
            "201": resource_ok("FetchResponse", "Created: the new article.", "Location", "ETag"),
        }, ["401", "411", "415", "422", "502", "504"]),
        description="Fetches the page, extracts the article, links the participants its text mentions and stores "
                    "it. Statement candidates are proposed, not stored. The `ETag` is the article's.",
        body=body_of("FetchRequest"), write=True,
    )
    return path_item("Fetch an article from the web.", "Articles", "ArticleFetch", "POST, OPTIONS", post=post)


def volume_path():
    filters = ["q", "language", "source", "participantFilter", "talksFilter", "articleFilter",
               "volumeStatementKind", "topic", "from", "to"]
    get = operation(
        "getVolume", "Coverage volume over time", "Volume",
        params("volumeKind", "interval", *filters, "pretty", "ifNoneMatch", "requestId"),
        responses({"200": resource_ok("Volume", "One bucket per period.", "ETag")}, ["304"]),
        description="Counts `articles` (by `published_at`) or `statements` (by `said_on`) per period, with the "
                    "filters of that kind's list (`source` only for articles; `article`, `statement_kind`, `topic` "
                    "only for statements; another kind's filter is a `400`). Empty periods inside the range are "
                    "listed with `0`; the range is `[from, to]` when given, else the first to the last counted "
                    "item; more than 10000 periods is a `400`.",
    )
    return path_item("Coverage volume.", "Volume", "Volume", "GET, HEAD, OPTIONS", get=get)


def search_path():
    get = operation(
        "search", "Search every kind", "Search",
        params("searchQuery", "searchKind", "limit", "cursor", "pretty", "ifNoneMatch", "requestId"),
        responses({"200": {
            "description": "One ranked result list over all kinds (BM25, ties by `kind` then `id`).",
            "headers": headers("ETag", "Link", "X-Total-Count"),
            "content": json_content("SearchResult"),
        }}, ["304"]),
        description="`q` is required. JSON only.",
    )
    return path_item("Search.", "Search", "Search", "GET, HEAD, OPTIONS", get=get)


def operations_paths():
    health = operation("getHealth", "Liveness", "Operations", params("pretty", "requestId"),
                       responses({"200": resource_ok("Health", "The process serves requests.")}, []))
    ready_503 = {
        "description": "Starting: seeds or journal not loaded yet (`Ready`), or shedding load (problem).",
        "headers": headers("Retry-After"),
        "content": {**json_content("Ready"), **problem_content()},
    }
    ready = operation("getReady", "Readiness", "Operations", params("pretty", "requestId"),
                      responses({"200": resource_ok("Ready", "Ready: `{\"status\": \"ready\"}`.")}, [],
                                {"503": ready_503}))
    metrics = operation("getMetrics", "Prometheus metrics", "Operations", params("pretty", "requestId"),
                        responses({"200": {
                            "description": "Prometheus text exposition format.",
                            "headers": headers(),
                            "content": {"text/plain; version=0.0.4": {"schema": {"type": "string"}}},
                        }}, []))
    document = operation("getOpenAPI", "This OpenAPI document", "Operations",
                         params("pretty", "ifNoneMatch", "requestId"),
                         responses({"200": resource_ok("OpenAPIDocument", "The OpenAPI 3.1 document.", "ETag")},
                                   ["304"]))
    allow = "GET, HEAD, OPTIONS"
    return {
        "/health": path_item("Liveness.", "Operations", "Health", allow, get=health),
        "/ready": path_item("Readiness.", "Operations", "Ready", allow, get=ready),
        "/metrics": path_item("Metrics.", "Operations", "Metrics", allow, get=metrics),
        "/openapi.json": path_item("This document.", "Operations", "OpenAPI", allow, get=document),
    }


def build_document():
    schemas = basic_schemas()
    schemas.update(resource_schemas())
    schemas.update(other_schemas())
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "PeaceTalks",
            "version": "1.0.0",
            "summary": "News coverage of peace talks: participants, rounds, articles and statements.",
            "description": INFO_DESCRIPTION,
        },
        "servers": [{"url": "http://127.0.0.1:8080"}],
        "tags": [
            {"name": "Articles", "description": "Coverage, and fetching it from the web."},
            {"name": "Participants", "description": "Who takes part or is quoted."},
            {"name": "Statements", "description": "What participants said."},
            {"name": "Talks", "description": "Rounds of peace processes, and their timelines."},
            {"name": "Search", "description": "One ranked list over every kind."},
            {"name": "Volume", "description": "Coverage over time."},
            {"name": "Operations", "description": "Health, readiness, metrics and this document."},
        ],
        "paths": build_paths(),
        "components": {
            "schemas": schemas,
            "parameters": PARAMETERS,
            "headers": HEADERS,
            "responses": RESPONSES,
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "`Authorization: Bearer <key>` with a configured API key; every write needs it.",
                },
            },
        },
    }


def render(document):
    """The committed text: 2-space indent, UTF-8 as is, trailing newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv):
    text = render(build_document())
    if "--check" in argv:
        if SPEC_PATH.read_text(encoding="utf-8") != text:
            print(f"{SPEC_PATH.relative_to(REPO)} is out of date: run python3 scripts/openapi/generate.py",
                  file=sys.stderr)
            return 1
        return 0
    SPEC_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SPEC_PATH.relative_to(REPO)} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
