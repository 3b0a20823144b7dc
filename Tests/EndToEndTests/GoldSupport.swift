import Foundation
import Marginalia

/// `Tests/Gold/news-en.tsv` (and `seeds/gold.tsv`): '#' comments, a header, one row a document.
struct GoldTable {
    struct Row {
        var document: String
        var split: String?
        var labels: [String: String]
    }

    var rows: [Row] = []

    init(path: String) throws {
        let lines = try String(contentsOfFile: path, encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let header = lines[0].split(separator: "\t").map(String.init)
        for line in lines.dropFirst() {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var labels: [String: String] = [:]
            for (column, name) in header.enumerated().dropFirst() where column < cells.count { labels[name] = cells[column] }
            rows.append(Row(document: cells[0], split: labels["split"], labels: labels))
        }
    }
}

/// "document topic" for every `topic:*` label in the store.
func firedTopics(_ store: String) throws -> Set<String> {
    var fired: Set<String> = []
    for line in try exportJSONL(store).split(separator: "\n") {
        let object = try JSONParser.parse(Array(line.utf8)).objectValue!
        let label = object["label"]!.stringValue!
        if label.hasPrefix("topic:") { fired.insert(object["document"]!.stringValue! + " " + label.dropFirst("topic:".count)) }
    }
    return fired
}

/// The decompressed text of a .gz file (with the system's gzip).
func gunzip(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-dc", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
    return String(decoding: data, as: UTF8.self)
}
