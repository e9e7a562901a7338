import PeaceTalksModel
import PeaceTalksStore

extension ListPage {
    /// `{"items": […], "next_cursor": …, "total": …}`. Compact pages are assembled from each item's cached JSON
    /// bytes without re-encoding; `pretty` re-encodes the page indented.
    func jsonBody(includeBody: Bool, pretty: Bool) -> [UInt8] {
        guard !pretty else {
            let items = items.map { item in
                // The item bytes are the store's own encoding: parsing them back cannot fail.
                (try? JSONParser.parse(item.listJSON(includeBody: includeBody))) ?? .null
            }
            let page: JSONValue = [
                "items": .array(items), "next_cursor": nextCursor.map(JSONValue.string) ?? .null,
                "total": .number(Double(total)),
            ]
            return page.encoded(pretty: true)
        }
        var writer = JSONWriter(reservingCapacity: 64)
        if let nextCursor { writer.writeString(nextCursor) } else { writer.write(.null) }
        let cursor = writer.bytes
        var body: [UInt8] = []
        let itemBytes = items.map { $0.listJSON(includeBody: includeBody) }
        body.reserveCapacity(itemBytes.reduce(64 + cursor.count) { $0 + $1.count + 1 })
        body.append(contentsOf: #"{"items":["#.utf8)
        for (index, item) in itemBytes.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: item)
        }
        body.append(contentsOf: #"],"next_cursor":"#.utf8)
        body.append(contentsOf: cursor)
        body.append(contentsOf: #","total":"#.utf8)
        body.append(contentsOf: String(total).utf8)
        body.append(UInt8(ascii: "}"))
        return body
    }
}
