import Foundation

/// What one pipeline thread gathers before it hands it to the next: a queue hand-off (and
/// the wake-up it may cost the other thread) then carries a chunk of documents rather than
/// one. Full at `maxBytes` of document text or `maxItems` items, whichever comes first.
///
/// ```swift
/// var buffer = HandOffBuffer<WorkItem>()
/// if buffer.add(item, bytes: record.text.utf8.count) { queue.push(buffer.take()) }
/// if !buffer.isEmpty { queue.push(buffer.take()) }   // at the end, or at a file boundary
/// ```
struct HandOffBuffer<Item> {
    /// Document text that fills a chunk: small enough to stay in a core's cache while the
    /// next stage works through it, big enough that a hand-off costs nothing per document.
    static var defaultMaxBytes: Int { 64 << 10 }
    /// Items that fill a chunk, whatever their size (short documents, file events).
    static var defaultMaxItems: Int { 64 }

    let maxBytes: Int
    let maxItems: Int
    private(set) var items: [Item] = []
    private var bytes = 0

    init(maxBytes: Int = Self.defaultMaxBytes, maxItems: Int = Self.defaultMaxItems) {
        self.maxBytes = max(1, maxBytes)
        self.maxItems = max(1, maxItems)
    }

    var isEmpty: Bool { items.isEmpty }

    /// Adds `item`, which carries `bytes` of document text; true when the buffer is now full.
    mutating func add(_ item: Item, bytes more: Int = 0) -> Bool {
        if items.isEmpty { items.reserveCapacity(maxItems) }
        items.append(item)
        bytes += more
        return items.count >= maxItems || bytes >= maxBytes
    }

    /// The items gathered so far, in order, leaving the buffer empty.
    mutating func take() -> [Item] {
        let taken = items
        items = []
        bytes = 0
        return taken
    }
}
