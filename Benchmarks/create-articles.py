#!/usr/bin/env python3
"""Create the benchmark articles through the real API and save the real responses as payload files.

Usage: create-articles.py BASE_URL API_KEY SEED_FILE OUT_DIR [TARGET_BYTES]

Posts 20 articles built from the seed article text, each trimmed so that one
GET /v1/articles/{id} response body is about TARGET_BYTES (default 6144), then writes
the bodies of GET /health, GET /v1/articles/{id} and GET /v1/articles?limit=20 to
OUT_DIR/health.json, article.json and list.json, and the article id to OUT_DIR/article.id.
Only talks to the BASE_URL given (run.sh passes a 127.0.0.1 address). Standard library only.
"""
import json
import sys
import urllib.error
import urllib.request

ARTICLES = 20


def request(method, url, key=None, body=None):
    """Returns (status, body bytes); HTTP errors are returned, not raised."""
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body, ensure_ascii=False).encode()
        headers["Content-Type"] = "application/json"
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def expect(status, body, wanted, what):
    if status not in wanted:
        sys.exit(f"error: {what} answered {status}: {body[:300].decode(errors='replace')}")
    return body


def load_seed(path):
    """Returns (title, body) from the seed article: a .txt file or a seeds/articles.json file."""
    if path.endswith(".json"):
        data = json.load(open(path, encoding="utf-8"))
        if isinstance(data, dict):
            data = data.get("items") or data.get("articles") or [data]
        article = next(item for item in data if isinstance(item, dict) and item.get("body"))
        return article.get("title", "Astana"), article["body"]
    paragraphs = [p.strip() for p in open(path, encoding="utf-8").read().split("\n\n") if p.strip()]
    # The text file starts with a breadcrumb and the outlet's name, then the title, then the body.
    title = paragraphs[1] if len(paragraphs) > 2 else paragraphs[0][:120]
    return title, "\n\n".join(paragraphs[2:] if len(paragraphs) > 2 else paragraphs)


def json_length(text):
    """Bytes that `text` takes inside a compact JSON document written as plain UTF-8."""
    return len(json.dumps(text, ensure_ascii=False).encode()) - 2


def trim(text, budget):
    """The longest prefix of `text` (cut at a space when one is near) whose JSON form fits `budget` bytes."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if json_length(text[:middle]) <= budget:
            low = middle
        else:
            high = middle - 1
    cut = text[:low]
    space = cut.rfind(" ")
    return cut[:space].rstrip() if space > len(cut) - 40 else cut


def article(title, body, number):
    return {
        "title": f"{title} ({number})",
        "body": body,
        "language": "ar",
        "source": "elmaouid",
        "section": "دولي",
        # Newer than any seed article, so that the first list page is exactly these 20.
        "published_at": f"2017-02-{number:02d}T09:00:00Z",
    }


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    base, key, seed_path, out = sys.argv[1:5]
    target = int(sys.argv[5]) if len(sys.argv) == 6 else 6144
    title, text = load_seed(seed_path)

    # Measure what the server adds around the body (id, times, other fields) with one probe article.
    probe_body = text[:1000]
    probe = article(title, probe_body, 28)
    probe["published_at"] = "2000-01-01T00:00:00Z"
    created = json.loads(expect(*request("POST", f"{base}/v1/articles", key, probe), {201}, "POST /v1/articles"))
    status, fetched = request("GET", f"{base}/v1/articles/{created['id']}")
    overhead = len(expect(status, fetched, {200}, "GET /v1/articles/{id}")) - json_length(probe_body)
    request("DELETE", f"{base}/v1/articles/{created['id']}", key)  # best effort: an old probe never lists first

    body = trim(text, target - overhead)
    ids = []
    for number in range(1, ARTICLES + 1):
        status, reply = request("POST", f"{base}/v1/articles", key, article(title, body, number))
        ids.append(json.loads(expect(status, reply, {201}, "POST /v1/articles"))["id"])

    article_id = ids[ARTICLES // 2]
    payloads = {
        "health.json": "/health",
        "article.json": f"/v1/articles/{article_id}",
        "list.json": f"/v1/articles?limit={ARTICLES}",
    }
    for name, path in payloads.items():
        status, reply = request("GET", f"{base}{path}")
        open(f"{out}/{name}", "wb").write(expect(status, reply, {200}, f"GET {path}"))
    open(f"{out}/article.id", "w").write(article_id + "\n")


if __name__ == "__main__":
    main()
