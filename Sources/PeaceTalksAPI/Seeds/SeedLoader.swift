import Foundation
import PeaceTalksModel
import PeaceTalksStore

/// A seed file that could not be loaded. `description` is one line naming the file and the problem, e.g.
/// `seeds/statements.json: item 3 (id "x"): participant: unknown participant "y"` (items count from 1).
package struct SeedLoadingError: Error, CustomStringConvertible, Equatable {
    /// The one-line explanation.
    package let description: String
}

/// The seed files in load order: every file only references kinds loaded before it (participants may
/// reference participants listed earlier in the same file).
private let seedFiles: [(name: String, kind: ResourceKind)] = [
    ("participants.json", .participants), ("talks.json", .talks), ("articles.json", .articles),
    ("statements.json", .statements),
]

/// Loads `participants.json`, `talks.json`, `articles.json` and `statements.json` from `directory` into `store`,
/// in that order; each file is a JSON array of resources in the API's wire format. Stops at the first problem.
/// - Returns: how many resources were created.
@discardableResult
package func loadSeeds(from directory: URL, into store: any ResourceStore) throws(SeedLoadingError) -> Int {
    var created = 0
    for file in seedFiles {
        let url = directory.appendingPathComponent(file.name)
        let label = directory.lastPathComponent + "/" + file.name
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SeedLoadingError(description: "\(label): cannot be read (\(readFailureReason(error, url: url)))")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse([UInt8](data))
        } catch {
            throw SeedLoadingError(description: "\(label): not valid JSON: \(error.reason) at byte \(error.offset)")
        }
        guard case .array(let items) = document else {
            throw SeedLoadingError(
                description: "\(label): must be a JSON array of \(file.kind.rawValue), not \(document.typeDescription)")
        }
        for (index, item) in items.enumerated() {
            var itemLabel = "\(label): item \(index + 1)"
            if case .object(let object) = item, case .string(let id)? = object["id"] { itemLabel += " (id \"\(id)\")" }
            let resource: Resource
            switch Resource.decode(file.kind, from: item) {
            case .success(let decoded): resource = decoded
            case .failure(let failure): throw SeedLoadingError(description: "\(itemLabel): " + describe(failure.errors))
            }
            do throws(StoreError) {
                _ = try store.create(resource)
            } catch {
                throw SeedLoadingError(description: "\(itemLabel): " + describe(error))
            }
            created += 1
        }
    }
    return created
}

private func describe(_ errors: [FieldError]) -> String {
    errors.map(\.description).joined(separator: "; ")
}

private func describe(_ error: StoreError) -> String {
    switch error {
    case .invalidResource(let errors), .invalidReferences(let errors): describe(errors)
    case .alreadyExists(let key): "\(key.kind.singular) \"\(key.id)\" is listed twice"
    case .duplicateURL(let existing): "url: the same url as article \"\(existing)\""
    case .notFound(let key): "unknown \(key.kind.singular) \"\(key.id)\""
    case .referenced, .preconditionFailed: "unexpected store answer \(error)"
    case .invalidQuery(let detail), .unavailable(let detail): detail
    }
}

private func readFailureReason(_ error: any Error, url: URL) -> String {
    FileManager.default.fileExists(atPath: url.path) ? (error as NSError).localizedDescription : "no such file"
}
