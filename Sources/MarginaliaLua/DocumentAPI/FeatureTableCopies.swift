import Marginalia

/// The features tables one `doc:annotations` call has pushed, by the JSON object they were
/// made from, so that the next annotation with the very same object gets a copy of that
/// table instead of a new conversion. A plugin such as `places` gives every mention of a
/// name one shared features object (a `marginalia.features` handle), and most mentions in
/// an article repeat a name (62 % of the `entity:country` records of the news corpus):
/// copying a table of Lua strings skips converting the object, whose strings are hashed
/// and interned again.
///
/// Only flat objects (no array or object values) are copied, so that every record still
/// gets tables of its own at every level. The tables stay on the Lua stack, one slot each,
/// for the call (at most ``limit``); an object is known by its storage, which the
/// annotations being pushed keep alive for the whole call.
///
/// ```swift
/// var copies = FeatureTableCopies()
/// copies.push(annotation.features, on: lua)   // converted the first time, copied after
/// ```
struct FeatureTableCopies {
    /// Most tables kept on the stack per call; objects beyond them are converted every time.
    static let limit = 64

    /// The objects converted so far (their storage) and the stack slots of their tables: a
    /// few per call, so a list searched from the newest is cheaper than a dictionary.
    private var kept: [(storage: UnsafeRawPointer, slot: Int32, fields: Int32)] = []

    /// Pushes the Lua value of `features`: a copy of the table already made for the same
    /// flat object, or a conversion (kept, while there is room, for the next time).
    mutating func push(_ features: JSONValue, on lua: LuaState) {
        guard case .object(let members) = features else { return lua.push(json: features) }
        // A dictionary is one reference to its storage: equal bits, the very same object.
        let storage = unsafeBitCast(members, to: UnsafeRawPointer.self)
        if let table = kept.last(where: { $0.storage == storage }) {
            lua.pushFlatTableCopy(of: table.slot, fields: table.fields)
            return
        }
        lua.push(json: features)
        guard kept.count < Self.limit, members.values.allSatisfy(\.isScalar), lua.makeRoom(for: 4) else { return }
        lua.pushValue(at: -1)   // the lower one stays in its slot for the rest of the call
        kept.append((storage, lua.top - 1, Int32(members.count)))
    }
}

private extension JSONValue {
    /// True for values Lua holds without a table (strings, numbers, booleans, null).
    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}
