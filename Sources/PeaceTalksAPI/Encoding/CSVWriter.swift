/// Writes RFC 4180 CSV: UTF-8, CRLF line ends, a field quoted when it holds `"`, `,`, CR or LF
/// (quotes inside doubled).
package struct CSVWriter: Sendable {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    /// Appends one record.
    package mutating func appendRow(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(field)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    private mutating func appendField(_ field: String) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains {
            $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: ",") || $0 == 0x0D || $0 == 0x0A
        }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
