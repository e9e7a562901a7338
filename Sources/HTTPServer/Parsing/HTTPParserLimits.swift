/// Size limits the parser enforces while bytes arrive, so that no request can make it buffer without bound.
/// Defaults are those of the API contract.
package struct HTTPParserLimits: Sendable, Equatable {
    /// Request line plus header fields, in bytes (431 beyond it).
    package var maxHeaderSectionBytes = 16 * 1024
    /// Number of header fields (431 beyond it).
    package var maxHeaderCount = 100
    /// Request target, in bytes (414 beyond it).
    package var maxTargetBytes = 8 * 1024
    /// Decoded body, in bytes (413 beyond it).
    package var maxBodyBytes = 1024 * 1024

    package init() {}
}
