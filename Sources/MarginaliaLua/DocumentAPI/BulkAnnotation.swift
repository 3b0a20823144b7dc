import Marginalia

/// `doc:annotate_all(spans, label [, options])`: many spans of one label in one host call.
/// Each entry of `spans` is a table `{ start =, stop = [, score =] [, features =] }` (what
/// `lex:find_all`, `doc:tokens` and `doc:sentences` return, or the plugin's own); an entry
/// without `score` or `features` takes those of `options`. The entries are checked first
/// and marked only when all are good, so that an error names its entry and marks nothing.
///
/// ```lua
/// local spans = {}
/// for i, word in ipairs(doc:tokens()) do
///   if word.text:match("^%u%u+$") then spans[#spans + 1] = { start = word.start, stop = word.stop, features = { n = i } } end
/// end
/// doc:annotate_all(spans, "acronym")
/// ```
extension HostContext {
    func annotateSpans() -> Int32 {
        let function = "doc:annotate_all"
        guard let context = current, let identity = context.runningIdentity else { return fail("\(function): no document is being annotated") }
        guard lua.type(at: 1) == .table else { return fail("\(function): call it as doc:annotate_all(spans, label [, options])") }
        guard lua.type(at: 2) == .table else {
            return fail("\(function): spans must be a list of tables { start =, stop = }, got \(lua.typeName(at: 2)) (call it as doc:annotate_all(spans, label [, options]))")
        }
        guard let label = checkedLabel(at: 3, function: function, context: context) else { return -1 }
        guard let shared = options(at: 4, function: function) else { return -1 }
        let labelIsShared = !context.acceptsAnyLabel
        let count = lua.rawLength(at: 2)
        var annotations: [Annotation] = []
        annotations.reserveCapacity(count)
        var bytes = 0
        func what() -> String { "\(function): the \(count) annotations of document '\(context.document.id)'" }
        let entry = lua.top + 1
        for position in stride(from: 1, through: count, by: 1) {
            func name() -> String { "\(function): spans[\(position)]" }
            // What is made here is charged at the end: a long list is checked on the way.
            if position & 255 == 0 && !fitsAfterCollecting(bytes) { return refuseForMemory(what()) }
            lua.getIndex(position, in: 2)
            guard lua.type(at: entry) == .table else {
                return fail("\(name()) is \(lua.typeName(at: entry)), expected a table { start =, stop = }")
            }
            lua.getField(.start, in: entry)
            lua.getField(.stop, in: entry)
            guard let span = checkedSpan(startAt: entry + 1, stopAt: entry + 2, function: name(), context: context) else { return -1 }
            guard let (score, features, featuresAreShared) = scoreAndFeatures(ofTableAt: entry, defaults: shared, function: name()) else { return -1 }
            annotations.append(Annotation(documentID: context.document.id, label: label, span: span,
                                          score: score, features: features, plugin: identity))
            bytes += HostFootprint.annotation(label: label, labelIsShared: labelIsShared, features: features, featuresAreShared: featuresAreShared)
            lua.top = entry - 1
        }
        guard fitsAfterCollecting(bytes) else { return refuseForMemory(what()) }
        lua.chargeHost(bytes)
        context.emit(contentsOf: annotations, bytes: bytes)
        return 0
    }
}
