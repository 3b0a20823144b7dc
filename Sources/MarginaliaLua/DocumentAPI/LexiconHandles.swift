import Marginalia

/// The lexicons one state's scripts hold. A lexicon userdata holds a slot number; its
/// finalizer frees the slot, which a later lexicon reuses, so the table is as long as the
/// handles alive, not as the lexicons ever made. A lexicon is charged to the state's
/// memory budget once however many handles hold it, and given back with the last one.
///
/// ```swift
/// var handles = LexiconHandles()
/// let (slot, charge) = handles.add(lexicon, bytes: 1 << 20)   // charge == 1 << 20
/// handles.remove(slot: slot)                                   // (lexicon, released: 1 << 20)
/// ```
struct LexiconHandles {
    private var slots: [Lexicon?] = []
    private var freeSlots: [Int32] = []
    /// For every lexicon held: how many handles hold it, and the bytes charged for it.
    private var held: [ObjectIdentifier: (handles: Int, bytes: Int)] = [:]

    /// Distinct lexicons held now.
    var lexiconCount: Int { held.count }

    /// Handles alive now.
    var handleCount: Int { slots.count - freeSlots.count }

    /// The distinct lexicons held, in the order of their first live slot.
    var lexicons: [Lexicon] {
        var seen: Set<ObjectIdentifier> = []
        return slots.compactMap { $0 }.filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    /// The lexicon of a live handle's slot.
    func lexicon(inSlot slot: Int32) -> Lexicon? {
        slots.indices.contains(Int(slot)) ? slots[Int(slot)] : nil
    }

    /// True when some handle holds `lexicon`.
    func holds(_ lexicon: Lexicon) -> Bool { held[ObjectIdentifier(lexicon)] != nil }

    /// A new handle of `lexicon` (planned at `bytes`): its slot, and the bytes to charge
    /// (`bytes` for the first handle of this lexicon, else 0).
    mutating func add(_ lexicon: Lexicon, bytes: Int) -> (slot: Int32, charge: Int) {
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            slots[Int(slot)] = lexicon
        } else {
            slot = Int32(slots.count)
            slots.append(lexicon)
        }
        let key = ObjectIdentifier(lexicon)
        if let entry = held[key] {
            held[key] = (entry.handles + 1, entry.bytes)
            return (slot, 0)
        }
        held[key] = (1, bytes)
        return (slot, bytes)
    }

    /// Frees a handle's slot: its lexicon, and the bytes to give back (what was charged,
    /// when this was the lexicon's last handle, else 0). Nil for a slot not in use.
    @discardableResult
    mutating func remove(slot: Int32) -> (lexicon: Lexicon, released: Int)? {
        guard let lexicon = lexicon(inSlot: slot) else { return nil }
        slots[Int(slot)] = nil
        freeSlots.append(slot)
        let key = ObjectIdentifier(lexicon)
        guard let entry = held[key] else { return (lexicon, 0) }
        if entry.handles > 1 {
            held[key] = (entry.handles - 1, entry.bytes)
            return (lexicon, 0)
        }
        held[key] = nil
        return (lexicon, entry.bytes)
    }

    /// Frees every slot (the state is closing): one lexicon per handle.
    mutating func removeAll() -> [Lexicon] {
        let all = slots.compactMap { $0 }
        slots = []
        freeSlots = []
        held = [:]
        return all
    }
}
