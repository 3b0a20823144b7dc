/// Finds a malformed table header (`[…]` or `[[…]]`), or a closing bracket of the wrong kind,
/// in TOML text before TOMLKit parses it: its parser (toml++) aborts the whole process on some
/// of them (`[%a]` followed by a key; `a = [}`), where a researcher's typo deserves an error
/// naming the line.
///
/// A header's key is dotted simple keys, each bare (`A-Z a-z 0-9 _ -`) or quoted (`"…"`,
/// `'…'`). Lines inside a multi-line array or string are values, not headers, and are skipped.
///
/// ```swift
/// TOMLHeaderCheck.firstMalformedHeader(in: "[params.defense]\nmin_hits = 2\n")   // nil
/// TOMLHeaderCheck.firstMalformedHeader(in: "a = 1\n[%a]\nb = 1\n")?.line       // 2
/// ```
public enum TOMLHeaderCheck {
    /// The line number (from 1) and text of the first malformed header, or nil.
    public static func firstMalformedHeader(in text: String) -> (line: Int, header: String)? {
        var scanner = ValueScanner()
        for (index, line) in lines(of: text).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if scanner.isAtTopLevel && trimmed.hasPrefix("[") {
                let header = String(trimmed.trimmingTrailingWhitespace())
                if !isWellFormedHeader(Array(header.utf8)) { return (index + 1, header) }
                continue
            }
            scanner.scan(Array(line.utf8))
        }
        return nil
    }

    /// The first closing bracket that closes the other kind (`a = [1, }]`: toml++ aborts the
    /// process on a `}` where an array expects a value), with its line and what it closes.
    ///
    /// ```swift
    /// TOMLHeaderCheck.firstMismatchedBracket(in: "a = [\n  1, }\n")?.line      // 2
    /// TOMLHeaderCheck.firstMismatchedBracket(in: "a = [{ b = 1 }]\n")          // nil
    /// ```
    public static func firstMismatchedBracket(in text: String) -> (line: Int, message: String)? {
        var scanner = ValueScanner()
        for (index, line) in lines(of: text).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if scanner.isAtTopLevel && trimmed.hasPrefix("[") { continue }
            scanner.scan(Array(line.utf8), line: index + 1)
            if let mismatch = scanner.mismatch {
                let closer = Character(Unicode.Scalar(mismatch.closer)), opener = Character(Unicode.Scalar(mismatch.opener))
                let place = mismatch.openerLine == index + 1 ? "on this line" : "on line \(mismatch.openerLine)"
                return (index + 1, "'\(closer)' closes the '\(opener)' opened \(place): close an array with ']', an inline table with '}'")
            }
        }
        return nil
    }

    /// The lines of `text` as the TOML parser reads them: without a leading byte order mark
    /// (which it skips, so a header right after one is a header).
    private static func lines(of text: String) -> [Substring] {
        let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        return body.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// `[key]` or `[[key]]`, then blanks and an optional comment.
    static func isWellFormedHeader(_ bytes: [UInt8]) -> Bool {
        var position = 0
        let isArrayTable = bytes.starts(with: [UInt8(ascii: "["), UInt8(ascii: "[")])
        position = isArrayTable ? 2 : 1
        repeat {
            skipBlanks(bytes, &position)
            guard readSimpleKey(bytes, &position) else { return false }
            skipBlanks(bytes, &position)
        } while consume(UInt8(ascii: "."), bytes, &position)
        for _ in 0..<(isArrayTable ? 2 : 1) {
            guard consume(UInt8(ascii: "]"), bytes, &position) else { return false }
        }
        skipBlanks(bytes, &position)
        return position == bytes.count || bytes[position] == UInt8(ascii: "#")
    }

    private static func readSimpleKey(_ bytes: [UInt8], _ position: inout Int) -> Bool {
        guard position < bytes.count else { return false }
        let quote = bytes[position]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            position += 1
            while position < bytes.count {
                if quote == UInt8(ascii: "\"") && bytes[position] == UInt8(ascii: "\\") { position += 2; continue }
                if bytes[position] == quote { position += 1; return true }
                position += 1
            }
            return false
        }
        let start = position
        while position < bytes.count, isBareKeyByte(bytes[position]) { position += 1 }
        return position > start
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }

    private static func skipBlanks(_ bytes: [UInt8], _ position: inout Int) {
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") { position += 1 }
    }

    private static func consume(_ byte: UInt8, _ bytes: [UInt8], _ position: inout Int) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Follows values across lines: the open arrays and inline tables, and an open multi-line
    /// string, so that a value line starting with `[` is not taken for a header; notes the
    /// first closing bracket of the wrong kind.
    struct ValueScanner {
        /// The open brackets, innermost last, with their lines.
        private var open: [(bracket: UInt8, line: Int)] = []
        private var openMultiLineString: UInt8?
        /// The first `]` that closed a `{`, or `}` that closed a `[`.
        private(set) var mismatch: (closer: UInt8, opener: UInt8, openerLine: Int)?

        var isAtTopLevel: Bool { open.isEmpty && openMultiLineString == nil }

        mutating func scan(_ bytes: [UInt8], line: Int = 0) {
            var position = 0
            while position < bytes.count {
                let byte = bytes[position]
                if let quote = openMultiLineString {
                    if quote == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") { position += 2; continue }
                    if isTriple(quote, bytes, position) { openMultiLineString = nil; position += 3 } else { position += 1 }
                    continue
                }
                switch byte {
                case UInt8(ascii: "#"): return
                case UInt8(ascii: "["), UInt8(ascii: "{"): open.append((byte, line))
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    guard let innermost = open.popLast() else { break }
                    let expected = innermost.bracket == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
                    if byte != expected && mismatch == nil { mismatch = (byte, innermost.bracket, innermost.line) }
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if isTriple(byte, bytes, position) { openMultiLineString = byte; position += 3; continue }
                    position += 1
                    while position < bytes.count, bytes[position] != byte {
                        position += byte == UInt8(ascii: "\"") && bytes[position] == UInt8(ascii: "\\") ? 2 : 1
                    }
                default: break
                }
                position += 1
            }
        }

        private func isTriple(_ quote: UInt8, _ bytes: [UInt8], _ position: Int) -> Bool {
            position + 2 < bytes.count && bytes[position] == quote && bytes[position + 1] == quote && bytes[position + 2] == quote
        }
    }
}

private extension Substring {
    func trimmingTrailingWhitespace() -> Substring {
        var end = endIndex
        while end > startIndex, let last = self[..<end].last, last == " " || last == "\t" || last == "\r" { end = index(before: end) }
        return self[..<end]
    }
}
