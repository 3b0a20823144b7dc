import Marginalia

/// `doc:each(label [, feature, …])`: the spans of the annotations the required plugins made
/// with a label, each as its start and stop and the values of the features asked for, given
/// by an iterator: what a loop over `doc:annotations(label)` reads, without a record table
/// and a features table per annotation (about 6.9k instructions each), which is most of what
/// `doc:annotations` costs.
///
/// ```lua
/// for start, stop, kind, code in doc:each("entity:country", "kind", "code") do … end
/// ```
extension HostContext {
    func eachAnnotation() -> Int32 {
        guard let context = current, context.runningIdentity != nil else { return fail("doc:each: no document is being annotated") }
        guard lua.type(at: 1) == .table else { return fail("doc:each: call it as doc:each(label [, feature, …])") }
        guard let wanted = readableLabel(at: 2, function: "doc:each", context: context) else { return -1 }
        var features: [String] = []
        let top = lua.top
        if top > 2 {
            for index in 3...top {
                guard let name = lua.string(at: index) else {
                    return fail("doc:each: feature #\(index - 2) must be a string, got \(lua.typeName(at: index))")
                }
                features.append(name)
            }
        }
        let stride = 2 + features.count
        guard stride <= LuaState.rowStrideLimit else {
            return fail("doc:each: at most \(LuaState.rowStrideLimit - 2) features, got \(features.count)")
        }
        let sources = context.requiredOutputs
        func selected(_ annotation: Annotation) -> Bool { annotation.span != nil && (wanted == nil || annotation.label == wanted) }
        let rows = sources.reduce(0) { total, annotations in total + annotations.lazy.filter(selected).count }
        func what() -> String { "doc:each: the \(rows) annotations of document '\(context.document.id)'" }
        guard hasRoom(for: rows, bytesEach: stride * HostFootprint.luaListValue) else { return refuseForMemory(what()) }
        lua.newTable(arrayCount: Int32(rows * stride))
        let cells = lua.top
        var row = 0
        for annotations in sources {
            for index in annotations.indices {
                guard selected(annotations[index]), let span = annotations[index].span else { continue }
                if row & 255 == 255 && lua.isOverMemoryLimit {
                    lua.top = cells - 1
                    return refuseForMemory(what())
                }
                let first = row * stride
                lua.push(span.byteStart + 1)
                lua.setIndex(first + 1, in: cells)
                lua.push(span.byteEnd)
                lua.setIndex(first + 2, in: cells)
                if !features.isEmpty, let members = annotations[index].features.objectValue {
                    for (column, name) in features.enumerated() {
                        guard let value = members[name] else { continue }   // nil in the row
                        lua.push(json: value)
                        lua.setIndex(first + 3 + column, in: cells)
                    }
                }
                row += 1
            }
        }
        lua.pushRowIterator(cells: cells, stride: stride, rows: rows)
        return 1
    }
}
