import PeaceTalksModel

/// Why a store operation failed; each case maps to one HTTP status (noted per case).
package enum StoreError: Error, Hashable, Sendable {
    /// No such resource (404); for sub-resource lists and timelines, the parent.
    case notFound(ResourceKey)
    /// `create` with an id that exists already (409).
    case alreadyExists(ResourceKey)
    /// Another article has this `url` already (409); carries that article's id.
    case duplicateURL(existing: ResourceID)
    /// The resource breaks a rule (422), e.g. a PATCH result that does not validate, or a self-affiliation.
    case invalidResource([FieldError])
    /// The resource names ids that do not exist (422), one error per referring field (`participants[1]`).
    case invalidReferences([FieldError])
    /// Delete of a resource others still reference (409): every referencing resource, sorted.
    case referenced(by: [ResourceKey])
    /// `If-Match` did not match the current ETag (412).
    case preconditionFailed
    /// A bad query: unknown filter or sort, a cursor from another query, a malformed cursor (400).
    case invalidQuery(String)
    /// The change could not be made durable (503); nothing was applied.
    case unavailable(String)
}
