import Journal
import PeaceTalksModel
import PeaceTalksStore

/// One bad line of an import file.
package struct ImportProblem: Error, Equatable, CustomStringConvertible {
    /// The line number, from 1.
    package let line: Int
    /// What is wrong with it.
    package let message: String

    /// `line 3: participants "x" already exists in the data directory`.
    package var description: String { "line \(line): \(message)" }
}

/// The bad lines of an import file, in line order; nothing was added.
package struct ImportFailure: Error, Equatable {
    /// One entry per bad line.
    package let problems: [ImportProblem]
}

/// Reads an NDJSON export (`NDJSONExport`) and adds it to a store as one journal record: all or nothing.
///
/// Every line is checked before anything is written: JSON syntax, the `{"kind", "resource"}` shape, the
/// resource's validation (stored form: ids and times are kept), ids that already exist in the data directory or
/// appear twice in the file, references that resolve neither to the file nor to the data directory, and article
/// URLs used twice. An import into a non-empty store only adds: an existing id is an error on its line.
/// References may point at any line of the file (affiliation cycles have no valid order); empty lines are skipped.
package enum NDJSONImport {
    /// The resources of `bytes`, in file order; throws every problem found, in line order.
    package static func validate(_ bytes: [UInt8], against store: InMemoryStore) throws(ImportFailure) -> [Resource] {
        var problems: [ImportProblem] = []
        var resources: [(line: Int, resource: Resource)] = []
        var lineOf: [ResourceKey: Int] = [:]
        var urlLine: [String: Int] = [:]
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { continue }
            switch parse(Array(line)) {
            case .problem(let message):
                problems.append(ImportProblem(line: lineNumber, message: message))
            case .resource(let resource):
                var messages: [String] = []
                if let earlier = lineOf[resource.key] {
                    messages.append("\(resource.key) also appears on line \(earlier)")
                } else if store.get(resource.kind, id: resource.id) != nil {
                    messages.append("\(resource.key) already exists in the data directory")
                }
                if case .article(let article) = resource, let url = article.url {
                    if let earlier = urlLine[url] {
                        messages.append("url: the same url as line \(earlier)")
                    } else if let existing = store.article(withURL: url) {
                        messages.append("url: the same url as article \"\(existing.resource.id)\" in the data directory")
                    }
                    urlLine[url] = urlLine[url] ?? lineNumber
                }
                lineOf[resource.key] = lineOf[resource.key] ?? lineNumber
                if messages.isEmpty {
                    resources.append((lineNumber, resource))
                } else {
                    problems.append(ImportProblem(line: lineNumber, message: messages.joined(separator: "; ")))
                }
            }
        }
        for (line, resource) in resources {
            let missing = resource.references.filter { reference in
                reference.target == resource.key
                    || (lineOf[reference.target] == nil && store.get(reference.target.kind, id: reference.target.id) == nil)
            }
            guard !missing.isEmpty else { continue }
            let message = missing.map { reference in
                reference.target == resource.key
                    ? "\(reference.field): must not refer to the resource itself"
                    : "\(reference.field): refers to \(reference.target), in neither the file nor the data directory"
            }
            problems.append(ImportProblem(line: line, message: message.joined(separator: "; ")))
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems.sorted { $0.line < $1.line }) }
        return resources.map(\.resource)
    }

    /// Appends `resources` to the store's journal as one batch record (participants, talks, articles, statements,
    /// file order within a kind), syncs it, and loads it into the store.
    package static func apply(_ resources: [Resource], to durable: DurableStore) throws(JournalError) {
        let order: [ResourceKind] = [.participants, .talks, .articles, .statements]
        let sorted = order.flatMap { kind in resources.filter { $0.kind == kind } }
        var version = durable.store.version
        let stored = sorted.map { resource in
            version += 1
            return StoredResource(resource: resource, version: version)
        }
        let ticket = try durable.journal.append(ChangeRecord.batch(stored.map(ChangeRecord.put)).encoded)
        try durable.journal.waitUntilDurable(ticket)
        durable.store.loadReplayed(stored.map { .put($0) })
    }

    /// A line read: a resource, or what is wrong with it.
    private enum ParsedLine {
        case resource(Resource)
        case problem(String)
    }

    /// One line as a resource, or why not.
    private static func parse(_ line: [UInt8]) -> ParsedLine {
        let object: JSONObject
        do {
            object = try JSONParser.parseObject(line)
        } catch {
            return .problem("not a JSON object: \(error)")
        }
        let unknown = object.keys.filter { $0 != "kind" && $0 != "resource" }
        guard unknown.isEmpty else { return .problem("unknown member \"\(unknown[0])\" (only kind and resource)") }
        guard case .string(let name)? = object["kind"], let kind = ResourceKind(rawValue: name) else {
            return .problem("kind: must be one of participants, talks, articles, statements")
        }
        guard let value = object["resource"], case .object = value else {
            return .problem("resource: must be a JSON object")
        }
        switch Resource.decode(kind, from: value, mode: .stored) {
        case .success(let resource): return .resource(resource)
        case .failure(let failure): return .problem(failure.errors.map(\.description).joined(separator: "; "))
        }
    }
}
