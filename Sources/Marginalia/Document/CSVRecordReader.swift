/// Splits CSV (RFC 4180) into records: fields separated by commas, optionally quoted
/// with `"`, a doubled `""` inside quotes for a quote, and quoted fields that run over
/// several lines (`\r\n` or `\n`). Reads line by line, so a file is never held whole.
///
/// ```swift
/// let records = CSVRecordReader(lines: try LineReader(path: "articles.csv"))
/// while let record = try records.next() { print(record.line, record.fields) }
/// ```
public final class CSVRecordReader {
    private let lines: LineReader

    public init(lines: LineReader) { self.lines = lines }

    /// What errors name the input.
    public var name: String { lines.name }

    /// Bytes taken from the underlying file so far.
    public var rawBytesRead: Int { lines.rawBytesRead }

    /// The next record with the line it starts on (blank lines between records are
    /// skipped); nil at the end. Throws when a quoted field is still open at the end of
    /// the file, naming the line it opened on, or when the input cannot be read.
    public func next() throws(DocumentError) -> (line: Int, fields: [String])? {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var opened: (record: Int, quote: Int)?
        while let (number, raw) = try lines.next() {
            var bytes = raw
            if bytes.last == 0x0D { bytes.removeLast() }
            if opened == nil {
                if bytes.isEmpty { continue }
                opened = (number, number)
            } else {
                field.append(0x0A)   // the line break inside a quoted field
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if quoted {
                    if byte != 0x22 { field.append(byte); continue }
                    if index < bytes.count && bytes[index] == 0x22 { field.append(0x22); index += 1; continue }
                    quoted = false
                } else if byte == 0x22 && field.isEmpty {
                    quoted = true
                    opened!.quote = number
                } else if byte == 0x2C {
                    fields.append(try decode(field, line: number))
                    field.removeAll(keepingCapacity: true)
                } else {
                    field.append(byte)
                }
            }
            if quoted { continue }
            fields.append(try decode(field, line: number))
            return (opened!.record, fields)
        }
        if let opened {
            throw DocumentError(source: "\(name):\(opened.record)", reason: .malformedRecord(
                "a quoted field opened on line \(opened.quote) is never closed (a missing \" ?); the rest of the file is in it"))
        }
        return nil
    }

    private func decode(_ bytes: [UInt8], line: Int) throws(DocumentError) -> String {
        guard let text = bytes.withUnsafeBufferPointer(UTF8Validation.string) else {
            throw DocumentError(source: "\(name):\(line)", reason: .malformedRecord("a field is not valid UTF-8"))
        }
        return text
    }
}
