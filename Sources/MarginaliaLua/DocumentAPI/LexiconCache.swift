import Foundation
import Marginalia

/// Compiled lexicons shared by every host (and thread) in the process: workers that load
/// the same plugin, and a plugin that makes the same lexicon in every `annotate`, compile
/// its term list once. Builds run one at a time, so that the process holds at most one
/// automaton under construction, and each is first offered to `admit` with its planned size.
/// A cached lexicon or group keeps its planned sizes: taking it plans nothing again.
///
/// Every script handle of a lexicon is counted (``acquire(terms:admit:)`` and
/// ``release(_:)``, which a handle's finalizer calls). A lexicon no handle holds stays
/// cached while the idle lexicons together take at most ``idleBytesLimit`` (64 MB), the
/// least recently released going first, and the one released last always stays (it fit
/// its plugin's memory limit); so a plugin that makes a new lexicon for every document does
/// not keep them all, and one that makes the same lexicon for every document compiles it once.
///
/// ```swift
/// let (lexicon, bytes) = try LexiconCache.shared.acquire(terms: ["tank", "missile"]) { _ in nil }
/// LexiconCache.shared.release(lexicon)   // idle now: kept for the next document that asks
/// ```
final class LexiconCache: @unchecked Sendable {
    static let shared = LexiconCache()

    /// Bytes the lexicons that no handle holds may take together before the oldest go.
    var idleBytesLimit: Int {
        get { lock.withLock { idleLimit } }
        set { lock.withLock { idleLimit = newValue; evictIdle() } }
    }

    /// Why `admit` refused a lexicon.
    struct Refusal: Error, CustomStringConvertible { var description: String }

    /// How many lexicons the cache holds, and how they are used (for tests and diagnostics).
    struct Statistics: Equatable {
        /// Lexicons cached, held or idle.
        var cached: Int
        /// Lexicons at least one script handle holds.
        var held: Int
        /// Bytes of the idle ones (planned sizes).
        var idleBytes: Int
        /// Lexicons compiled since the process started.
        var builds: Int
        /// Groups planned (their sizes worked out from every member's keys) since the
        /// process started: only a group not cached yet is.
        var groupPlans: Int
    }

    /// A compiled group with the sizes its plan gave, cached together so that a host finding
    /// the group cached is charged exactly the same without planning it again.
    struct PlannedGroup {
        let group: LexiconGroup
        /// ``LexiconPlan/peakBytes``: the room a host needs to take the group.
        let peakBytes: Int
        /// ``LexiconPlan/retainedBytes``: what a host that takes the group is charged.
        let retainedBytes: Int
    }

    private struct Entry {
        let lexicon: Lexicon
        /// Planned bytes of the compiled lexicon (``LexiconPlan/retainedBytes``).
        let bytes: Int
        var handles = 0
        /// When it last became idle (a tick of `clock`).
        var idleSince = 0
    }

    private var entries: [[String]: Entry] = [:]
    private var termsOf: [ObjectIdentifier: [String]] = [:]
    /// Idle lexicons in the order they became idle; a stale tick means it was taken again.
    private var idleQueue: [(terms: [String], tick: Int)] = []
    private var idleQueueStart = 0
    private var idleLimit = 64 << 20
    private var idleBytes = 0
    private var clock = 0
    private var builds = 0
    private var groupPlans = 0
    private var groups: [[ObjectIdentifier]: PlannedGroup] = [:]
    private let lock = NSLock()
    private let buildLock = NSLock()

    var statistics: Statistics {
        lock.withLock {
            Statistics(cached: entries.count, held: entries.values.filter { $0.handles > 0 }.count,
                       idleBytes: idleBytes, builds: builds, groupPlans: groupPlans)
        }
    }

    /// The group of `lexicons` with its planned sizes, compiled unless cached (load-time
    /// lexicons only: groups are never evicted, and they keep their members, so their
    /// identities stay a valid key). `fits` sees the planned peak bytes, of a cached group
    /// too, and returns false to do without the group; nil also when it cannot be compiled.
    /// Only a group not cached yet is planned (the plan sorts every member's keys).
    func group(for lexicons: [Lexicon], fits: (_ peakBytes: Int) -> Bool) -> PlannedGroup? {
        let key = lexicons.map(ObjectIdentifier.init)
        if let cached = lock.withLock({ groups[key] }) { return fits(cached.peakBytes) ? cached : nil }
        buildLock.lock()
        defer { buildLock.unlock() }
        if let cached = lock.withLock({ groups[key] }) { return fits(cached.peakBytes) ? cached : nil }   // another worker built it meanwhile
        let plan = LexiconGroup.plan(combining: lexicons)
        lock.withLock { groupPlans += 1 }
        guard fits(plan.peakBytes), let group = try? LexiconGroup(lexicons) else { return nil }
        let planned = PlannedGroup(group: group, peakBytes: plan.peakBytes, retainedBytes: plan.retainedBytes)
        lock.withLock { groups[key] = planned }
        return planned
    }

    /// The lexicon of `terms` with its planned size in bytes, compiled unless cached, and
    /// counted as held by one more handle. `admit` sees the plan of a lexicon to compile and
    /// returns nil to go on or why not (thrown as a `Refusal`). `admit` may collect garbage
    /// (whose finalizers call ``release(_:)``).
    func acquire(terms: [String], admit: (LexiconPlan) -> String?) throws -> (Lexicon, bytes: Int) {
        if let held = lock.withLock({ take(terms) }) { return held }
        buildLock.lock()
        defer { buildLock.unlock() }
        if let held = lock.withLock({ take(terms) }) { return held }   // another worker built it meanwhile
        let plan = try LexiconPlan(terms: terms)
        if let refusal = admit(plan) { throw Refusal(description: refusal) }
        let lexicon = Lexicon(plan)
        let bytes = plan.retainedBytes
        lock.withLock {
            entries[terms] = Entry(lexicon: lexicon, bytes: bytes, handles: 1)
            termsOf[ObjectIdentifier(lexicon)] = terms
            builds += 1
        }
        return (lexicon, bytes)
    }

    /// One handle of `lexicon` is gone; with the last one it becomes idle.
    func release(_ lexicon: Lexicon) {
        lock.withLock {
            guard let terms = termsOf[ObjectIdentifier(lexicon)], var entry = entries[terms], entry.handles > 0 else { return }
            entry.handles -= 1
            if entry.handles == 0 {
                clock += 1
                entry.idleSince = clock
                idleBytes += entry.bytes
                idleQueue.append((terms, clock))
            }
            entries[terms] = entry
            evictIdle()
        }
    }

    /// A cached lexicon counted as held once more (under `lock`).
    private func take(_ terms: [String]) -> (Lexicon, bytes: Int)? {
        guard var entry = entries[terms] else { return nil }
        if entry.handles == 0 { idleBytes -= entry.bytes }
        entry.handles += 1
        entries[terms] = entry
        return (entry.lexicon, entry.bytes)
    }

    /// Drops the longest-idle lexicons until the idle ones fit `idleLimit`, but never the one
    /// released last, so that a plugin making the same big lexicon on every document compiles
    /// it once (under `lock`).
    private func evictIdle() {
        while idleBytes > idleLimit, idleQueueStart < idleQueue.count {
            let (terms, tick) = idleQueue[idleQueueStart]
            guard tick != clock else { break }   // the newest idle lexicon stays
            idleQueueStart += 1
            guard let entry = entries[terms], entry.handles == 0, entry.idleSince == tick else { continue }
            entries[terms] = nil
            termsOf[ObjectIdentifier(entry.lexicon)] = nil
            idleBytes -= entry.bytes
        }
        // A lexicon taken and released again leaves a stale tick behind: keep the queue to
        // about the idle lexicons themselves.
        if idleQueue.count - idleQueueStart > 2 * entries.count + 64 {
            idleQueue = idleQueue[idleQueueStart...].filter { item in
                guard let entry = entries[item.terms] else { return false }
                return entry.handles == 0 && entry.idleSince == item.tick
            }
            idleQueueStart = 0
        } else if idleQueueStart > 1024 && idleQueueStart * 2 > idleQueue.count {
            idleQueue.removeFirst(idleQueueStart)
            idleQueueStart = 0
        }
    }
}
