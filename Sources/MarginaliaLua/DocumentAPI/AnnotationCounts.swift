import Marginalia

/// `doc:count(label [, feature])`: how many annotations the required plugins made with a
/// label, and how many of them carry each value of one feature, counted in Swift: what a
/// loop over `doc:annotations(label)` computes, without building a record table (and a
/// features table) per annotation, which is most of what `doc:annotations` costs.
///
/// ```lua
/// local total, by_code = doc:count("entity:country", "code")   -- 5, { VN = 3, IL = 2 }
/// ```
extension HostContext {
    func countAnnotations() -> Int32 {
        guard let context = current, context.runningIdentity != nil else { return fail("doc:count: no document is being annotated") }
        guard lua.type(at: 1) == .table else { return fail("doc:count: call it as doc:count(label [, feature])") }
        guard let wanted = readableLabel(at: 2, function: "doc:count", context: context) else { return -1 }
        let feature = lua.string(at: 3)
        if !lua.isNil(at: 3) && feature == nil { return fail("doc:count: feature must be a string or nil, got \(lua.typeName(at: 3))") }
        let sources = context.requiredOutputs
        guard let feature else {
            lua.push(sources.annotationCount(label: wanted))
            return 1
        }
        // The counts are kept in the Lua table itself, so that values are told apart exactly
        // as Lua keys are (strings by their bytes, 2 and 2.0 as one number).
        lua.newTable()
        let counts = lua.top
        var total = 0
        for annotations in sources {
            for index in annotations.indices where wanted == nil || annotations[index].label == wanted {
                total += 1
                if total & 255 == 255 && lua.isOverMemoryLimit {
                    lua.top = counts - 1
                    return refuseForMemory("doc:count: the counts of '\(feature)' in document '\(context.document.id)'")
                }
                guard let value = annotations[index].features.objectValue?[feature] else { continue }
                switch value {
                case .string, .integer, .number, .bool: break
                case .null, .array, .object: continue   // not a key: counted in the total only
                }
                lua.push(json: value)
                lua.pushValue(at: -1)
                lua.rawGet(in: counts)
                let seen = lua.integer(at: -1) ?? 0
                lua.pop()
                lua.push(seen + 1)
                lua.rawSet(in: counts)
            }
        }
        lua.push(total)
        lua.insert(at: counts)
        return 2
    }
}

extension [[Annotation]] {
    /// How many of these annotations have `label` (all of them for nil).
    ///
    /// ```swift
    /// let mentions = context.requiredOutputs.annotationCount(label: "entity:country")
    /// ```
    func annotationCount(label: String?) -> Int {
        reduce(0) { total, annotations in
            total + (label == nil ? annotations.count : annotations.lazy.filter { $0.label == label }.count)
        }
    }
}
