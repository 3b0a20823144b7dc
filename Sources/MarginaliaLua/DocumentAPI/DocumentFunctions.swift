import Marginalia

/// The `doc:` methods. Each reads its arguments with non-raising helpers and reports
/// misuse by returning `fail(...)`: the C trampoline raises the Lua error, prefixed with
/// the calling script's file and line.
extension HostContext {
    // MARK: doc:annotate(start, stop, label, { score =, features = })

    func annotateSpan() -> Int32 {
        guard let context = current, let identity = context.runningIdentity else { return fail("doc:annotate: no document is being annotated") }
        guard lua.type(at: 1) == .table else { return fail("doc:annotate: call it as doc:annotate(start, stop, label, options)") }
        guard let span = checkedSpan(startAt: 2, stopAt: 3, function: "doc:annotate", context: context) else { return -1 }
        guard let label = checkedLabel(at: 4, function: "doc:annotate", context: context) else { return -1 }
        guard let (score, features, shared) = options(at: 5, function: "doc:annotate") else { return -1 }
        emit(Annotation(
            documentID: context.document.id, label: label, span: span,
            score: score, features: features, plugin: identity),
             in: context, bytes: HostFootprint.annotation(label: label, labelIsShared: !context.acceptsAnyLabel, features: features, featuresAreShared: shared))
        return 0
    }

    /// The span of the 1-based inclusive byte positions at `startAt` and `stopAt`, checked
    /// against the document's text; nil with the error pushed (`function` starts it: the
    /// name of the call, and for `doc:annotate_all` the entry).
    func checkedSpan(startAt startIndex: Int32, stopAt stopIndex: Int32, function: @autoclosure () -> String, context: DocumentContext) -> Span? {
        guard let start = lua.integer(at: startIndex), let stop = lua.integer(at: stopIndex) else {
            _ = fail("\(function()): start and stop must be integers (1-based byte positions, as string.find returns), got \(lua.typeName(at: startIndex)) and \(lua.typeName(at: stopIndex))")
            return nil
        }
        let length = context.byteCount
        guard start >= 1, stop <= length, start <= stop else {
            _ = fail("\(function()): span \(start)..\(stop) is outside the text of document '\(context.document.id)' (bytes 1..\(length)) or empty")
            return nil
        }
        guard context.offsets.isBoundary(byte: start - 1), context.offsets.isBoundary(byte: stop) else {
            _ = fail("\(function()): span \(start)..\(stop) cuts through a UTF-8 character; use positions from string.find, utf8.offset or the lexicon")
            return nil
        }
        return Span(byteStart: start - 1, byteEnd: stop, in: context.offsets)
    }

    // MARK: doc:label(label, score, features)

    func labelDocument() -> Int32 {
        guard let context = current, let identity = context.runningIdentity else { return fail("doc:label: no document is being annotated") }
        guard lua.type(at: 1) == .table else { return fail("doc:label: call it as doc:label(label, score, features)") }
        guard let label = checkedLabel(at: 2, function: "doc:label", context: context) else { return -1 }
        var score = 1.0
        if !lua.isNil(at: 3) {
            guard let value = lua.number(at: 3), value >= 0, value <= 1 else {
                return fail("doc:label: score must be a number between 0 and 1, got \(describe(at: 3))")
            }
            score = value
        }
        guard let features = features(at: 4, function: "doc:label") else { return -1 }
        emit(Annotation(documentID: context.document.id, label: label, span: nil, score: score,
                        features: features, plugin: identity),
             in: context, bytes: HostFootprint.annotation(label: label, labelIsShared: !context.acceptsAnyLabel, features: features))
        return 0
    }

    func checkedLabel(at index: Int32, function: String, context: DocumentContext) -> String? {
        // A declared label is recognised by its bytes, without making a String; whatever
        // else a plugin passes is an error (an `eval` snippet may emit any label).
        if !context.acceptsAnyLabel, let declared = context.declaredLabel(matching: lua, at: index) { return declared }
        guard let label = lua.string(at: index), !label.isEmpty else {
            _ = fail("\(function): label must be a non-empty string, got \(describe(at: index))")
            return nil
        }
        guard context.acceptsAnyLabel else {
            let plugin = context.plugin
            _ = fail("\(function): label '\(label)' is not declared in the 'labels' of plugin '\(plugin?.name ?? "?")' (declared: \((plugin?.labels ?? []).joined(separator: ", ")))")
            return nil
        }
        return label
    }

    /// Score and features of an options table; `shared` when the features are a
    /// `marginalia.features` handle's.
    func options(at index: Int32, function: String) -> (score: Double, features: JSONValue, shared: Bool)? {
        let none = (score: 1.0, features: JSONValue.object([:]), shared: false)
        if lua.isNil(at: index) { return none }
        guard lua.type(at: index) == .table else {
            _ = fail("\(function): options must be a table { score = …, features = { … } }, got \(describe(at: index))")
            return nil
        }
        return scoreAndFeatures(ofTableAt: index, defaults: none, function: function)
    }

    /// The `score` and `features` fields of the table at `index` (an absolute index), each
    /// taken from `defaults` when the table has none: an options table's, or an entry of
    /// `doc:annotate_all`'s list. Nil with the error pushed.
    func scoreAndFeatures(ofTableAt index: Int32, defaults: (score: Double, features: JSONValue, shared: Bool),
                          function: @autoclosure () -> String) -> (score: Double, features: JSONValue, shared: Bool)? {
        // On a failure only the message may stay above `base`: it used to be popped with
        // the values read, so the error of doc:annotate said "nil".
        let base = lua.top
        var score = defaults.score
        lua.getField(.score, in: index)
        if !lua.isNil(at: -1) {
            guard let value = lua.number(at: -1), value >= 0, value <= 1 else {
                let message = "\(function()): score must be a number between 0 and 1, got \(describe(at: -1))"
                lua.top = base
                _ = fail(message)
                return nil
            }
            score = value
        }
        lua.getField(.features, in: index)
        if lua.isNil(at: -1) {
            lua.top = base
            return (score, defaults.features, defaults.shared)
        }
        if let handle = featuresHandle(at: lua.top) {
            lua.top = base
            return (score, handle, true)
        }
        guard let features = features(at: lua.top, function: function()) else {
            lua.replace(at: base + 1)   // the message features() pushed, in place of the score
            lua.top = base + 1
            return nil
        }
        lua.top = base
        return (score, features, false)
    }

    /// The features table (or `marginalia.features` handle) at `index` as JSON.
    func features(at index: Int32, function: @autoclosure () -> String) -> JSONValue? {
        if lua.isNil(at: index) { return .object([:]) }
        if let value = featuresHandle(at: index) { return value }
        if let members = lua.flatObject(at: index) { return .object(members) }   // most features tables
        switch lua.json(at: index, path: "features") {
        case .success(let value) where value.objectValue != nil: return value
        case .success(let value) where value.arrayValue?.isEmpty == true: return .object([:])
        case .success: _ = fail("\(function()): features must be a table of name = value"); return nil
        case .failure(let error): _ = fail("\(function()): \(error.message)"); return nil
        }
    }

    private func describe(at index: Int32) -> String {
        if let string = lua.string(at: index) { return "'\(string.prefix(40))'" }
        if let number = lua.number(at: index) { return "\(number)" }
        return lua.typeName(at: index)
    }

    // MARK: doc:annotations(label)

    func readAnnotations() -> Int32 {
        guard let context = current, context.runningIdentity != nil else { return fail("doc:annotations: no document is being annotated") }
        guard let wanted = readableLabel(at: 2, function: "doc:annotations", context: context) else { return -1 }
        // Each source's annotations in turn, without gathering them first; the plugin name,
        // and the label while it repeats, are pushed once and copied into every table.
        let sources = context.requiredOutputs
        let count = sources.annotationCount(label: wanted)
        func what() -> String { "doc:annotations: the \(count) annotations of document '\(context.document.id)'" }
        guard hasRoom(for: count, bytesEach: 2 * HostFootprint.luaRecordTable) else { return refuseForMemory(what()) }
        lua.newTable(arrayCount: Int32(count))
        let list = lua.top
        let pluginSlot = list + 1, labelSlot = list + 2
        lua.pushNil()
        lua.pushNil()
        var pushedPlugin: String?
        var pushedLabel: String?
        var copies = FeatureTableCopies()   // the features tables made in this call, above the slots
        var offset = 0
        for annotations in sources {
            // By position, reading the fields it needs (binding each annotation copied all of them).
            for index in annotations.indices where wanted == nil || annotations[index].label == wanted {
                if offset & 255 == 255 && lua.isOverMemoryLimit {
                    lua.top = list - 1
                    return refuseForMemory(what())
                }
                copies.push(annotations[index].features, on: lua)
                if annotations[index].label != pushedLabel {
                    lua.push(annotations[index].label)
                    lua.replace(at: labelSlot)
                    pushedLabel = annotations[index].label
                }
                if annotations[index].plugin.name != pushedPlugin {
                    lua.push(annotations[index].plugin.name)
                    lua.replace(at: pluginSlot)
                    pushedPlugin = annotations[index].plugin.name
                }
                lua.replaceFeaturesByAnnotationRecord(span: annotations[index].span, labelSlot: labelSlot,
                                                      score: annotations[index].score, pluginSlot: pluginSlot)
                offset += 1
                lua.setIndex(offset, in: list)
            }
        }
        lua.top = list
        return 1
    }

    /// The label argument of `doc:annotations` and `doc:count`: nil for every label, else one
    /// that a required plugin produces. Returns nil (with the error pushed) otherwise; the
    /// outer optional is the failure.
    func readableLabel(at index: Int32, function: String, context: DocumentContext) -> String?? {
        let wanted = lua.string(at: index)
        if !lua.isNil(at: index) && wanted == nil { _ = fail("\(function): label must be a string or nil"); return nil }
        if let wanted, context.access.readable[wanted] == nil {
            _ = fail("\(function): label '\(wanted)' is not produced by any plugin that '\(context.plugin?.name ?? "?")' requires; add its plugin to 'requires'")
            return nil
        }
        return .some(wanted)
    }

    // MARK: doc:sentences(), doc:tokens()

    func pushSpans(_ spans: [TextSpan]?, name: String) -> Int32 {
        guard let context = current, let spans else { return fail("\(name): no document is being annotated") }
        func what() -> String { "\(name): the \(spans.count) spans of document '\(context.document.id)'" }
        guard hasRoom(for: spans.count, bytesEach: HostFootprint.luaRecordTable + 32) else { return refuseForMemory(what()) }
        lua.newTable(arrayCount: Int32(spans.count))
        let complete: Bool = context.withUTF8 { bytes in
            for (offset, span) in spans.enumerated() {
                if offset & 255 == 255 && lua.isOverMemoryLimit { return false }
                lua.pushSpanRecord(start: span.byteStart + 1, stop: span.byteEnd, moreFields: 1)
                lua.push(bytes: UnsafeBufferPointer(rebasing: bytes[span.byteStart..<span.byteEnd]))
                lua.setField(.text, in: -2)
                lua.setIndex(offset + 1, in: -2)
            }
            return true
        }
        guard complete else {
            lua.pop()
            return refuseForMemory(what())
        }
        return 1
    }
}
