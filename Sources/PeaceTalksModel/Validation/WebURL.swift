import Foundation

/// URL rules of the contract.
package enum WebURL {
    /// The longest URL accepted, in characters.
    package static let maxLength = 2048

    /// Whether `text` is an absolute `http` or `https` URL with a host and no whitespace.
    package static func isAbsoluteHTTP(_ text: String) -> Bool {
        guard text.utf8.count <= maxLength, !text.unicodeScalars.contains(where: { $0.properties.isWhitespace }),
            let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            text.lowercased().hasPrefix(scheme + "://")
        else { return false }
        return true
    }
}
