/// Where ``JSONValue`` writes its UTF-8 text: a byte buffer that starts in memory the caller
/// lends (a stack buffer, usually big enough for a whole features object) and moves to the
/// heap, doubling, only when that is full. Appending a few bytes is a bounds check and a
/// store: an `Array`'s `append(contentsOf:)` costs about 150 instructions a call, more than
/// the short keys and values of a features object take to copy.
///
/// ```swift
/// var out: [UInt8] = []
/// withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { stack in
///     var sink = JSONByteSink(startingIn: stack)
///     sink.append(UInt8(ascii: "["))
///     sink.append(UInt8(ascii: "]"))
///     sink.appendAll(to: &out)   // out == Array("[]".utf8)
///     sink.release()
/// }
/// ```
struct JSONByteSink {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    /// True once the bytes moved to memory of the sink's own (freed by ``release()``).
    private var ownsMemory = false

    /// A sink writing into `initial` until it is full; `initial` must outlive the sink.
    init(startingIn initial: UnsafeMutableBufferPointer<UInt8>) {
        base = initial.baseAddress!
        capacity = initial.count
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        base[count] = byte
        count &+= 1
    }

    /// Appends the bytes of `bytes`.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let length = bytes.count
        if capacity &- count < length { grow(toHold: length) }
        guard let source = bytes.baseAddress else { return }
        if length <= 16 {
            for offset in 0..<length { base[count &+ offset] = source[offset] }
        } else {
            (base + count).update(from: source, count: length)
        }
        count &+= length
    }

    /// Appends `bytes` between double quotes (a string that needs no escape).
    @inline(__always)
    mutating func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>) {
        let length = bytes.count
        if capacity &- count < length &+ 2 { grow(toHold: length &+ 2) }
        base[count] = UInt8(ascii: "\"")
        if let source = bytes.baseAddress {
            if length <= 16 {
                for offset in 0..<length { base[count &+ 1 &+ offset] = source[offset] }
            } else {
                (base + count + 1).update(from: source, count: length)
            }
        }
        base[count &+ 1 &+ length] = UInt8(ascii: "\"")
        count &+= length &+ 2
    }

    /// Appends the bytes of an ASCII literal.
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends everything written to `out`, with one copy.
    func appendAll(to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    /// Everything written, as an array of its own.
    func bytes() -> [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    /// Frees the memory the sink moved to, if it did; the sink is not used after.
    func release() {
        if ownsMemory { base.deallocate() }
    }

    private mutating func grow(toHold extra: Int) {
        let newCapacity = Swift.max(capacity &* 2, count &+ extra, 64)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        moved.initialize(from: base, count: count)
        if ownsMemory { base.deallocate() }
        base = moved
        capacity = newCapacity
        ownsMemory = true
    }
}
