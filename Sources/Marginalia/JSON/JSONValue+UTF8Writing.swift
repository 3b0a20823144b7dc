/// Writing JSON text as UTF-8 bytes: what the store's writer does for every annotation's
/// features and every document's metadata, so it builds no intermediate strings or arrays.
/// A value is written into a ``JSONByteSink`` on the stack and appended to the caller's
/// array with one copy; an object's members are ordered by their keys' `String` `<` (sorted
/// keys make the bytes deterministic) in a stack buffer, with no key hashed again; an
/// integer's digits are written in place; a string's runs that need no escape are found 16
/// bytes at a time (``JSONParser/nextSpecialByte(in:from:)``, the parser's own scan, which
/// looks for the same three kinds of byte).
extension JSONValue {
    /// Appends the compact JSON text to `out` as UTF-8 bytes: the store's writer encodes
    /// every annotation's features this way, without building intermediate strings.
    ///
    /// ```swift
    /// var bytes: [UInt8] = []
    /// JSONValue.object(["b": 1, "a": "x"]).write(toUTF8: &bytes)   // {"a":"x","b":1}
    /// ```
    public func write(toUTF8 out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { stack in
            var sink = JSONByteSink(startingIn: stack)
            write(to: &sink)
            sink.appendAll(to: &out)
            sink.release()
        }
    }

    /// Appends `value` as a JSON string literal to `out` as UTF-8 bytes, escaping what
    /// RFC 8259 requires: `\"`, `\\`, `\n`, `\r`, `\t`, and `\u00xx` for the other control
    /// characters.
    ///
    /// ```swift
    /// var bytes: [UInt8] = []
    /// JSONValue.writeString("Hà Nội \"voted\"", toUTF8: &bytes)   // "Hà Nội \"voted\""
    /// ```
    public static func writeString(_ value: String, toUTF8 out: inout [UInt8]) {
        // A whole document's text is written this way on export: straight into `out`.
        out.append(UInt8(ascii: "\""))
        var copy = value
        copy.withUTF8 { bytes in
            forEachRun(of: bytes, run: { out.append(contentsOf: $0) }, escape: { byte in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { stack in
                    var sink = JSONByteSink(startingIn: stack)
                    appendEscape(of: byte, to: &sink)
                    sink.appendAll(to: &out)
                    sink.release()
                }
            })
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Writes the compact JSON text into `sink`.
    func write(to sink: inout JSONByteSink) {
        switch self {
        case .null: sink.append("null")
        case .bool(let value): sink.append(value ? "true" : "false")
        case .integer(let value): Self.writeInteger(value, to: &sink)
        case .number(let value):
            if !value.isFinite {
                sink.append("null")
            } else if value == value.rounded(), abs(value) < 1e15 {
                Self.writeInteger(Int64(value), to: &sink)   // as ``format(_:)`` spells it
            } else {
                var text = String(value)
                text.withUTF8 { sink.append($0) }
            }
        case .string(let value): Self.writeString(value, to: &sink)
        case .array(let values):
            sink.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { sink.append(UInt8(ascii: ",")) }
                value.write(to: &sink)
            }
            sink.append(UInt8(ascii: "]"))
        case .object(let members):
            sink.append(UInt8(ascii: "{"))
            Self.forEachInKeyOrder(members) { position, key, value in
                if position > 0 { sink.append(UInt8(ascii: ",")) }
                Self.writeString(key, to: &sink)
                sink.append(UInt8(ascii: ":"))
                value.write(to: &sink)
            }
            sink.append(UInt8(ascii: "}"))
        }
    }

    /// Writes `value` as a JSON string literal into `sink`.
    static func writeString(_ value: String, to sink: inout JSONByteSink) {
        // The string's own bytes, borrowed (a copy to make them contiguous only if need be).
        let written: Void? = value.utf8.withContiguousStorageIfAvailable { writeString(utf8: $0, to: &sink) }
        if written == nil {
            var copy = value
            copy.withUTF8 { writeString(utf8: $0, to: &sink) }
        }
    }

    /// Writes the UTF-8 bytes of a string as a JSON string literal into `sink`.
    @inline(__always)
    private static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, to sink: inout JSONByteSink) {
        if JSONParser.nextSpecialByte(in: bytes, from: 0) == bytes.count {
            sink.appendQuoted(bytes)   // nothing to escape: the usual case
            return
        }
        sink.append(UInt8(ascii: "\""))
        forEachRun(of: bytes, run: { sink.append($0) }, escape: { appendEscape(of: $0, to: &sink) })
        sink.append(UInt8(ascii: "\""))
    }

    /// Splits `bytes` into the runs that need no escape (`run`, never empty) and the bytes
    /// between them that do (`escape`), in order.
    @inline(__always)
    private static func forEachRun(of bytes: UnsafeBufferPointer<UInt8>, run: (UnsafeBufferPointer<UInt8>) -> Void,
                                   escape: (UInt8) -> Void) {
        var runStart = 0
        var special = JSONParser.nextSpecialByte(in: bytes, from: 0)
        while special < bytes.count {
            if runStart < special { run(UnsafeBufferPointer(rebasing: bytes[runStart..<special])) }
            escape(bytes[special])
            runStart = special &+ 1
            special = JSONParser.nextSpecialByte(in: bytes, from: runStart)
        }
        if runStart < bytes.count { run(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// The escape of a quote, a backslash or a control character.
    private static func appendEscape(of byte: UInt8, to sink: inout JSONByteSink) {
        sink.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: sink.append(UInt8(ascii: "\""))
        case 0x5C: sink.append(UInt8(ascii: "\\"))
        case 0x0A: sink.append(UInt8(ascii: "n"))
        case 0x0D: sink.append(UInt8(ascii: "r"))
        case 0x09: sink.append(UInt8(ascii: "t"))
        default:
            sink.append("u00")
            sink.append(hexDigit(byte >> 4))
            sink.append(hexDigit(byte & 0x0F))
        }
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") &+ value : UInt8(ascii: "a") &+ (value &- 10)
    }

    /// Writes the decimal digits of `value` (as `String(value)` spells it).
    static func writeInteger(_ value: Int64, to sink: inout JSONByteSink) {
        if value < 0 { sink.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            sink.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in   // UInt64.max has 20
            var start = digits.count
            while magnitude > 0 {
                start &-= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            }
            sink.append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Calls `body` with each member of `members` in the order of their keys (`<`), and
    /// the member's position in that order. A small object's members are put in order by
    /// insertion into a buffer on the stack, moved rather than copied: no key is hashed
    /// again, nothing is allocated.
    static func forEachInKeyOrder(_ members: [String: JSONValue], _ body: (Int, String, JSONValue) -> Void) {
        let count = members.count
        if count <= 3 {
            // The usual features objects: one to three members, put in order in local
            // variables (a buffer's members would be destroyed through the runtime).
            var iterator = members.makeIterator()
            guard var first = iterator.next() else { return }
            guard var second = iterator.next() else {
                body(0, first.key, first.value)
                return
            }
            if second.key < first.key { swap(&first, &second) }
            guard var third = iterator.next() else {
                body(0, first.key, first.value)
                body(1, second.key, second.value)
                return
            }
            if third.key < second.key {
                swap(&second, &third)
                if second.key < first.key { swap(&first, &second) }
            }
            body(0, first.key, first.value)
            body(1, second.key, second.value)
            body(2, third.key, third.value)
        } else if count <= 16 {
            withUnsafeTemporaryAllocation(of: (key: String, value: JSONValue).self, capacity: count) { ordered in
                let base = ordered.baseAddress!
                var placed = 0
                for member in members {
                    // Every member from the insertion point on moves up one place.
                    var slot = placed
                    while slot > 0, member.key < base[slot &- 1].key { slot &-= 1 }
                    (base + slot + 1).moveInitialize(from: base + slot, count: placed &- slot)
                    (base + slot).initialize(to: member)
                    placed &+= 1
                }
                for position in 0..<count { body(position, base[position].key, base[position].value) }
                base.deinitialize(count: count)
            }
        } else {
            for (position, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                body(position, member.key, member.value)
            }
        }
    }
}
