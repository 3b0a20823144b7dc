import Marginalia

/// The features tables a state's scripts converted once with `marginalia.features`. A
/// features userdata holds a slot number; its finalizer frees the slot, which a later handle
/// reuses, so the table is as long as the handles alive. Each value is charged to the
/// state's memory budget (the bytes given with it) until its handle is collected.
///
/// ```swift
/// var handles = FeatureHandles()
/// let slot = handles.add(.object(["code": .string("VN")]), bytes: 200)
/// handles.value(inSlot: slot)    // .object(["code": .string("VN")])
/// handles.remove(slot: slot)     // 200: the bytes to give back
/// ```
struct FeatureHandles {
    private var slots: [(value: JSONValue, bytes: Int)?] = []
    private var freeSlots: [Int32] = []

    /// Handles alive now.
    var count: Int { slots.count - freeSlots.count }

    /// The value of a live handle's slot.
    func value(inSlot slot: Int32) -> JSONValue? {
        slots.indices.contains(Int(slot)) ? slots[Int(slot)]?.value : nil
    }

    /// A new handle of `value`, charged at `bytes`: its slot.
    mutating func add(_ value: JSONValue, bytes: Int) -> Int32 {
        if let free = freeSlots.popLast() {
            slots[Int(free)] = (value, bytes)
            return free
        }
        slots.append((value, bytes))
        return Int32(slots.count - 1)
    }

    /// Frees a handle's slot: the bytes to give back, or nil for a slot not in use.
    @discardableResult
    mutating func remove(slot: Int32) -> Int? {
        guard slots.indices.contains(Int(slot)), let entry = slots[Int(slot)] else { return nil }
        slots[Int(slot)] = nil
        freeSlots.append(slot)
        return entry.bytes
    }
}
