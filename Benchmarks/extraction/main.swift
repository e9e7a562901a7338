// The PeaceTalks side of the extraction benchmark: `extract FILE [CONTENT-TYPE] [URL]` prints the extracted
// article as JSON lines (encoding, title, body). Compiled by run.sh together with Sources/ArticleExtraction.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2, let data = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: extract FILE [CONTENT-TYPE] [URL]\n".utf8))
    exit(2)
}
let article = ArticleExtractor.extract(
    Array(data),
    contentType: arguments.count > 2 ? arguments[2] : "text/html",
    pageURL: arguments.count > 3 ? arguments[3] : "http://127.0.0.1/"
)
let fields: [String: String] = [
    "encoding": article.encoding.name, "title": article.title ?? "", "body": article.body,
    "language": article.language,
]
let json = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
FileHandle.standardOutput.write(json + Data("\n".utf8))
