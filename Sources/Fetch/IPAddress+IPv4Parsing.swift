extension IPAddress {
    /// What the WHATWG host parser makes of a host that may be an IPv4 address.
    package enum IPv4Parse: Equatable, Sendable {
        /// The host does not end in a number: it is a domain name.
        case notIPv4
        /// The host ends in a number but is no valid IPv4 address (`1.2.3.4.5`, `256.1.1.1`, `0x1g`).
        case invalid
        /// The host spells this address (in any of decimal, octal, hex and the 1–3 part short forms).
        case address(IPAddress)
    }

    /// Parses `host` as the WHATWG URL Standard does (§ 3.5, "ends in a number" and "IPv4 parser"), so that
    /// `2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1` and `127.0.0.1.` are all recognised as 127.0.0.1, the
    /// way `inet_aton` and therefore libcurl and getaddrinfo would read them.
    package static func parseIPv4(_ host: String) -> IPv4Parse {
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.last?.isEmpty == true, parts.count > 1 { parts.removeLast() }
        guard let last = parts.last, !last.isEmpty,
            last.allSatisfy(\.isASCIIDigit) || parseNumber(last) != nil
        else { return .notIPv4 }
        guard parts.count <= 4 else { return .invalid }
        var numbers: [UInt64] = []
        for part in parts {
            guard let number = parseNumber(part) else { return .invalid }
            numbers.append(number)
        }
        let lastLimit = UInt64(1) << (8 * (5 - numbers.count))
        guard numbers.dropLast().allSatisfy({ $0 <= 255 }), numbers[numbers.count - 1] < lastLimit else {
            return .invalid
        }
        var value = numbers[numbers.count - 1]
        for (index, number) in numbers.dropLast().enumerated() { value += number << (8 * (3 - index)) }
        return .address(.v4(UInt32(value)))
    }

    /// One dotted part: `0x`/`0X` hex, leading-`0` octal, or decimal; nil when invalid or above 2³².
    private static func parseNumber(_ part: Substring) -> UInt64? {
        guard !part.isEmpty else { return nil }
        var digits = part
        var radix: UInt64 = 10
        if digits.count >= 2, digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            digits = digits.dropFirst(2)
            radix = 16
        } else if digits.count >= 2, digits.hasPrefix("0") {
            digits = digits.dropFirst()
            radix = 8
        }
        var value: UInt64 = 0
        for character in digits {
            guard let digit = character.hexDigitValue.map(UInt64.init), digit < radix else { return nil }
            value = value * radix + digit
            if value > UInt64(UInt32.max) + 1 { value = UInt64(UInt32.max) + 1 }
        }
        return value
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
