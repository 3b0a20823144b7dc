import Foundation

/// The text-bound annotations (`T` lines) of a brat standoff `.ann` file, checked against
/// the document text: offsets are code points, as brat and INCEpTION count them.
///
/// The label of an annotation is its brat type, unless an `AnnotatorNotes` line on it says
/// `label: …` (up to ` | `; how `marginalia export --format brat` keeps labels brat cannot
/// spell).
/// Discontinuous annotations (`0 5;9 12`) give one span per fragment. Other lines
/// (relations, events, attributes) are ignored.
///
/// ```swift
/// let ann = try BratFile.parse(annText, file: "a.ann", documentText: text)
/// ann.spans.first?.label   // "defense.term"
/// ```
public struct BratFile: Sendable, Hashable {
    /// One text-bound annotation fragment.
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var label: String
        public var start: Int
        public var end: Int
        public var line: Int
    }

    public var spans: [Entry]

    /// Parses and validates; throws an `InputError` naming `file` and the line.
    public static func parse(_ text: String, file: String, documentText: String) throws -> BratFile {
        let scalars = Array(documentText.unicodeScalars)
        var entries: [Entry] = []
        var notes: [String: String] = [:]
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (number, line) in lines.enumerated() {
            let lineNumber = number + 1
            guard !line.isEmpty else { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            if line.hasPrefix("#"), fields.count >= 3 {
                let target = fields[1].split(separator: " ")
                if target.first == "AnnotatorNotes", target.count == 2, fields[2].hasPrefix("label: ") {
                    let rest = fields[2].dropFirst("label: ".count)
                    let label = rest.range(of: " | ").map { rest[..<$0.lowerBound] } ?? rest
                    notes[String(target[1])] = String(label)
                }
                continue
            }
            guard line.hasPrefix("T") else { continue }
            guard fields.count == 3 else {
                throw InputError(file: file, line: lineNumber, message: "a text-bound annotation needs 'T<n><TAB><type> <start> <end><TAB><text>'")
            }
            let typeAndOffsets = fields[1].split(separator: " ", maxSplits: 1).map(String.init)
            guard typeAndOffsets.count == 2 else {
                throw InputError(file: file, line: lineNumber, message: "expected '<type> <start> <end>', found '\(fields[1])'")
            }
            var fragments: [(Int, Int)] = []
            for fragment in typeAndOffsets[1].split(separator: ";") {
                let numbers = fragment.split(separator: " ").compactMap { Int($0) }
                guard numbers.count == 2, numbers[0] >= 0, numbers[0] <= numbers[1] else {
                    throw InputError(file: file, line: lineNumber, message: "bad offsets '\(fragment)'")
                }
                guard numbers[1] <= scalars.count else {
                    throw InputError(file: file, line: lineNumber, message: "offsets \(numbers[0])–\(numbers[1]) run past the end of the text (\(scalars.count) characters); is this .ann for another text?")
                }
                fragments.append((numbers[0], numbers[1]))
            }
            let covered = fragments.map { start, end in
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[start..<end])
                return String(view)
            }.joined(separator: " ")
            guard normalized(covered) == normalized(fields[2]) else {
                throw InputError(file: file, line: lineNumber, message: "the annotation says '\(fields[2])' but the text at \(typeAndOffsets[1]) is '\(covered)'; does this .ann belong to this text?")
            }
            for (start, end) in fragments {
                entries.append(Entry(id: fields[0], label: typeAndOffsets[0], start: start, end: end, line: lineNumber))
            }
        }
        for index in entries.indices { if let label = notes[entries[index].id] { entries[index].label = label } }
        return BratFile(spans: entries)
    }

    /// Line breaks count as spaces (brat writes a span's text on one line).
    static func normalized(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }
}
