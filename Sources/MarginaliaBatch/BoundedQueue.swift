import Foundation

/// A blocking FIFO with a capacity, for handing work between threads: `push` waits
/// while full, `pop` waits while empty, and returns nil once closed and drained.
///
/// A thread is woken only when one waits for what just happened (an item to take, or
/// room to put one), so a busy pipeline hands items over without system calls. A producer
/// waiting for room is woken only once half the queue is free (or its chunk fits, when that
/// needs more), not for every item taken: one wake-up lets a fast producer (the reader) put
/// several items, and one pushing a chunk at once (``push(contentsOf:)``) moves a whole
/// chunk, while consumers still take items one at a time (and several workers share a
/// short input).
///
/// ```swift
/// let queue = BoundedQueue<Int>(capacity: 64)
/// Thread { for i in 0..<1000 { queue.push(i) }; queue.close() }.start()
/// while let item = queue.pop() { print(item) }
/// ```
public final class BoundedQueue<Element>: @unchecked Sendable {
    private var items: [Element?]
    private var head = 0
    private var count = 0
    private var closed = false
    private let notEmpty = NSCondition()
    private let notFull = NSCondition()
    private var waitingConsumers = 0
    private var waitingProducers = 0
    /// The free slots the waiting producers need (the largest), for waking them only then.
    private var roomWanted = 1

    public init(capacity: Int) { items = Array(repeating: nil, count: max(1, capacity)) }

    /// Adds an item, waiting while the queue is full. Returns false if it was closed.
    @discardableResult
    public func push(_ item: Element) -> Bool {
        notFull.lock()
        while count == items.count && !closed {
            waitingProducers += 1
            notFull.wait()
            waitingProducers -= 1
        }
        guard !closed else { notFull.unlock(); return false }
        items[(head + count) % items.count] = item
        count += 1
        let wake = waitingConsumers > 0
        notFull.unlock()
        if wake { notEmpty.lock(); notEmpty.signal(); notEmpty.unlock() }
        return true
    }

    /// Adds `chunk` in order, waiting while it does not fit (a chunk larger than the queue
    /// goes in parts). One wake-up for the waiting consumers per part. Returns false if the
    /// queue was closed (the items not yet added are dropped).
    ///
    /// ```swift
    /// guard work.push(contentsOf: decided) else { return }   // closed: stop
    /// ```
    @discardableResult
    public func push(contentsOf chunk: [Element]) -> Bool {
        var next = chunk.startIndex
        while next < chunk.endIndex {
            notFull.lock()
            let wanted = min(chunk.endIndex - next, items.count)
            while items.count - count < wanted && !closed {
                waitingProducers += 1
                roomWanted = max(roomWanted, wanted)
                notFull.wait()
                waitingProducers -= 1
                if waitingProducers == 0 { roomWanted = 1 }
            }
            guard !closed else { notFull.unlock(); return false }
            let part = min(chunk.endIndex - next, items.count - count)
            for offset in 0..<part {
                items[(head + count + offset) % items.count] = chunk[next + offset]
            }
            count += part
            next += part
            let consumers = waitingConsumers
            notFull.unlock()
            if consumers > 0 {
                notEmpty.lock()
                if part > 1 && consumers > 1 { notEmpty.broadcast() } else { notEmpty.signal() }
                notEmpty.unlock()
            }
        }
        return true
    }

    /// Takes the oldest item, waiting while empty; nil when closed and empty.
    public func pop() -> Element? {
        notFull.lock()
        while count == 0 && !closed {
            waitingConsumers += 1
            // Wait on notEmpty without missing a push that happens between the unlock and
            // the wait: pushers take notEmpty's lock before signalling.
            notEmpty.lock()
            notFull.unlock()
            notEmpty.wait()
            notEmpty.unlock()
            notFull.lock()
            waitingConsumers -= 1
        }
        guard count > 0 else { notFull.unlock(); return nil }
        let item = items[head]
        items[head] = nil
        head = (head + 1) % items.count
        count -= 1
        if waitingProducers > 0 && items.count - count >= max(roomWanted, items.count / 2) { notFull.broadcast() }
        notFull.unlock()
        return item
    }

    /// True when no item is waiting (a snapshot: another thread may push right after).
    ///
    /// ```swift
    /// if work.isEmpty { results.push(batch) }   // hand over now rather than wait for more
    /// ```
    public var isEmpty: Bool {
        notFull.lock()
        defer { notFull.unlock() }
        return count == 0
    }

    /// No more pushes; waiting consumers drain what is left and then get nil.
    public func close() {
        notFull.lock()
        closed = true
        notFull.broadcast()
        notFull.unlock()
        notEmpty.lock()
        notEmpty.broadcast()
        notEmpty.unlock()
    }
}
