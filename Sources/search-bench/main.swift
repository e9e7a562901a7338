// The PeaceTalks side of Benchmarks/search/run.sh: loads an NDJSON corpus of articles into an InMemoryStore and into
// a standalone SearchIndex, runs the query sets, and prints the figures as JSON.
// Usage: search-bench CORPUS.ndjson QUERIES.json [REPETITIONS]
import Foundation
import PeaceTalksModel
import PeaceTalksStore

/// The process's resident set size in bytes (Linux `/proc/self/statm`).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

/// Monotonic nanoseconds.
func nanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: search-bench CORPUS.ndjson QUERIES.json [REPETITIONS]") }
let repetitions = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5

// 1. Decode the corpus (not timed): the model's validating decoders, as the API would.
let corpus = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
var articles: [Resource] = []
for line in corpus.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
    guard let value = try? JSONParser.parse(Array(line)) else { fail("a corpus line is not JSON") }
    switch Resource.decode(.articles, from: value) {
    case .success(let resource): articles.append(resource)
    case .failure(let failure): fail("invalid article: \(failure)")
    }
}

// 2. The whole store (resources, JSON, filter, sort and search indexes), through the single write path.
let store = InMemoryStore()
var before = residentBytes()
var start = nanoseconds()
for article in articles {
    do { _ = try store.create(article) } catch { fail("create failed: \(error)") }
}
let storeSeconds = Double(nanoseconds() - start) / 1e9
let storeBytes = residentBytes() - before

// 3. The search index alone, as FTS5 builds its index.
before = residentBytes()
start = nanoseconds()
var index = SearchIndex(kind: .articles)
for article in articles { index.add(article.id, fields: SearchFields.fields(of: article, speaker: nil)) }
let indexSeconds = Double(nanoseconds() - start) / 1e9
let indexBytes = residentBytes() - before

// 4. Queries through the store's list API (top 20 by relevance, exact total, scores and snippets).
guard let queries = try? JSONParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: arguments[2])))),
    let classes = queries.objectValue?["classes"]?.objectValue,
    case .array(let entities)? = queries.objectValue?["entities"]
else { fail("queries file is malformed") }

func terms(_ query: JSONValue) -> [String] {
    guard case .array(let terms)? = query.objectValue?["terms"] else { return [] }
    return terms.compactMap { if case .string(let term) = $0 { term } else { nil } }
}

func run(_ q: String) -> (nanoseconds: UInt64, total: Int) {
    let start = nanoseconds()
    guard let page = try? store.list(ListQuery(kind: .articles, q: q, limit: 20)) else { fail("query failed: \(q)") }
    return (nanoseconds() - start, page.total)
}

var latencies = JSONObject()
var totals = JSONObject()
for (name, value) in classes {
    guard case .array(let items) = value else { continue }
    let texts = items.map { item -> String in
        let words = terms(item)
        return item.objectValue?["phrase"] == .bool(true) ? "\"" + words.joined(separator: " ") + "\"" : words
            .joined(separator: " ")
    }
    for text in texts { _ = run(text) }  // warm-up
    var samples: [JSONValue] = []
    var counts: [JSONValue] = []
    for round in 0..<repetitions {
        for text in texts {
            let (time, total) = run(text)
            samples.append(.number(Double(time) / 1000))
            if round == 0 { counts.append(.number(Double(total))) }
        }
    }
    latencies[name] = .array(samples)
    totals[name] = .array(counts)
}
var entityTotals: [JSONValue] = []
for entity in entities {
    guard case .string(let q)? = entity.objectValue?["query"] else { continue }
    entityTotals.append(.number(Double(run(q).total)))
}

let report: JSONObject = [
    "documents": .number(Double(articles.count)),
    "store_build_seconds": .number(storeSeconds), "store_rss_bytes": .number(Double(storeBytes)),
    "index_build_seconds": .number(indexSeconds), "index_rss_bytes": .number(Double(indexBytes)),
    "index_bytes": .number(Double(index.byteCount)),
    "latency_us": .object(latencies), "totals": .object(totals), "entity_totals": .array(entityTotals),
]
FileHandle.standardOutput.write(Data(JSONValue.object(report).encoded(pretty: true)))
