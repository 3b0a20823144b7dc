import Foundation

/// A blocking FIFO with a capacity, for handing work between threads: `push` waits
/// while full, `pop` waits while empty, and returns nil once closed and drained.
///
/// ```swift
/// let queue = BoundedQueue<Int>(capacity: 64)
/// Thread { for i in 0..<1000 { queue.push(i) }; queue.close() }.start()
/// while let item = queue.pop() { print(item) }
/// ```
public final class BoundedQueue<Element>: @unchecked Sendable {
    private var items: [Element] = []
    private var head = 0
    private let capacity: Int
    private var closed = false
    private let condition = NSCondition()

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Adds an item, waiting while the queue is full. Returns false if it was closed.
    @discardableResult
    public func push(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Takes the oldest item, waiting while empty; nil when closed and empty.
    public func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head && !closed { condition.wait() }
        guard items.count > head else { return nil }
        let item = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    /// No more pushes; waiting consumers drain what is left and then get nil.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
