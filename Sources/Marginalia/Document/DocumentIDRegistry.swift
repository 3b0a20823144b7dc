import Foundation

/// Where each document id of a stream was first read (`file:line`, or a file's path), for
/// the duplicate-id error of ``CorpusStream``.
///
/// A corpus of a million documents keeps a million entries, so a place is kept as one
/// integer — the file's slot in a table of names and the line — rather than as a string
/// per id: a source that does not split that way exactly (no `:line`, a line with leading
/// zeros) is kept as written, in a side table. ``register(_:at:)`` gives back exactly the
/// string it was given.
///
/// ```swift
/// var registry = DocumentIDRegistry()
/// registry.register("a1", at: "news.jsonl:1")   // nil: the first a1
/// registry.register("a1", at: "news.jsonl:9")   // "news.jsonl:1": read there first
/// ```
struct DocumentIDRegistry {
    /// A place: the name's slot shifted by ``lineBits`` and the line (0: the name alone);
    /// with ``verbatim`` set, an index into ``otherSources``.
    private var places: [String: UInt64] = [:]
    private var names: [String] = []
    private var slotOfName: [String: UInt64] = [:]
    /// The bytes and slot of the latest name (the records of a file come one after another).
    private var latestName: [UInt8] = []
    private var latestSlot: UInt64?
    private var otherSources: [String] = []
    private static let lineBits: UInt64 = 40
    private static let verbatim: UInt64 = 1 << 63

    /// Records that `id` was read at `source` unless it was read before: nil for a new id,
    /// else where it was first read (the first place is kept).
    mutating func register(_ id: String, at source: String) -> String? {
        var bytes = source
        let place = bytes.withUTF8 { encode($0) } ?? keepVerbatim(source)
        guard let first = places.updateValue(place, forKey: id) else { return nil }
        places[id] = first
        if place & Self.verbatim != 0 && place & ~Self.verbatim == UInt64(otherSources.count - 1) {
            otherSources.removeLast()   // the duplicate's own place is not kept
        }
        return decode(first)
    }

    /// The place of a source's bytes as a name's slot and a line; nil when it must be kept as written.
    private mutating func encode(_ source: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let (nameLength, line) = Self.split(source)
        let name = UnsafeBufferPointer(rebasing: source[..<nameLength])
        return slot(of: name).map { $0 << Self.lineBits | line }
    }

    private mutating func keepVerbatim(_ source: String) -> UInt64 {
        otherSources.append(source)
        return Self.verbatim | UInt64(otherSources.count - 1)
    }

    private func decode(_ place: UInt64) -> String {
        if place & Self.verbatim != 0 { return otherSources[Int(place & ~Self.verbatim)] }
        let name = names[Int(place >> Self.lineBits)]
        let line = place & (1 << Self.lineBits - 1)
        return line == 0 ? name : name + ":" + String(line)
    }

    /// The slot of the name with these bytes in the table, adding it; nil when the table is
    /// full or holds a canonically equal name with other bytes (the source is kept whole).
    private mutating func slot(of name: UnsafeBufferPointer<UInt8>) -> UInt64? {
        if let latestSlot, latestName.count == name.count,
           latestName.withUnsafeBufferPointer({ name.isEmpty || memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 }) {
            return latestSlot
        }
        let key = String(decoding: name, as: UTF8.self)
        let slot: UInt64
        if let known = slotOfName[key] {
            guard names[Int(known)].utf8.elementsEqual(name) else { return nil }
            slot = known
        } else {
            guard names.count < 1 << (63 - Self.lineBits) else { return nil }
            slot = UInt64(names.count)
            names.append(key)
            slotOfName[key] = slot
        }
        latestName = Array(name)
        latestSlot = slot
        return slot
    }

    /// `name:line` as the length of the name and the line when the line is written the way
    /// `String(line)` writes it (1 or more, no leading zero, under 2^40); else the whole
    /// source's length and 0.
    static func split(_ source: UnsafeBufferPointer<UInt8>) -> (nameLength: Int, line: UInt64) {
        let whole = (source.count, UInt64(0))
        var colon = source.count - 1
        while colon >= 0 && source[colon] != UInt8(ascii: ":") { colon -= 1 }
        let digits = source.count - colon - 1
        guard colon >= 0, digits >= 1, digits <= 12, source[colon + 1] != UInt8(ascii: "0") else { return whole }
        var line: UInt64 = 0
        for byte in source[(colon + 1)...] {
            guard byte &- UInt8(ascii: "0") < 10 else { return whole }
            line = line * 10 + UInt64(byte &- UInt8(ascii: "0"))
        }
        guard line < 1 << lineBits else { return whole }
        return (colon, line)
    }
}
