import Foundation
import Testing

@testable import PeaceTalksStore

@Suite struct CursorTests {
    @Test func cursorText_IsUnpaddedBase64URL() {
        for length in 0...40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 251) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(PageCursor.base64URL(bytes) == expected)
        }
    }
}
