import Marginalia

/// The manifest fields of a plugin table, validated.
///
/// ```swift
/// let manifest = try PluginManifest.read(from: lua, at: lua.top, path: "Plugins/defense/defense.lua")
/// manifest.labels   // ["topic:defense", "defense.term"]
/// ```
struct PluginManifest {
    var name: String
    var version: String
    var description: String
    var labels: [String]
    var requires: [String]
    /// Libraries loaded with `marginalia.use`.
    var uses: [String]
    var params: [String: JSONValue]
    var examples: [PluginExample]
}

extension PluginManifest {
    /// Every field a plugin table may have (`docs/lua-api.md` describes each, a test checks).
    static let fields: Set<String> = [
        "name", "version", "description", "labels", "requires", "uses", "params", "setup", "annotate", "examples",
    ]

    /// Reads and validates the manifest table at `index`.
    static func read(from lua: LuaState, at index: Int32, path: String) throws(PluginError) -> PluginManifest {
        func fail(_ message: String) -> PluginError { PluginError(kind: .manifest, message: message, file: path) }
        guard lua.type(at: index) == .table else {
            throw fail("a plugin file must return its manifest table (it returned a \(lua.typeName(at: index)))")
        }
        lua.pushNil()
        while lua.next(in: index) {
            defer { lua.pop() }
            guard let key = lua.string(at: -2) else { throw fail("manifest keys must be field names") }
            if !fields.contains(key) {
                let hint = fields.min { editDistance($0, key) < editDistance($1, key) }.map { " (did you mean '\($0)'?)" } ?? ""
                throw fail("unknown manifest field '\(key)'\(hint)")
            }
        }
        func string(_ field: String, required: Bool) throws(PluginError) -> String? {
            lua.getField(field, in: index)
            defer { lua.pop() }
            if lua.isNil(at: -1) {
                if required { throw fail("manifest field '\(field)' is missing") }
                return nil
            }
            guard let value = lua.string(at: -1), !value.isEmpty else {
                throw fail("manifest field '\(field)' must be a non-empty string")
            }
            return value
        }
        func stringList(_ field: String) throws(PluginError) -> [String] {
            lua.getField(field, in: index)
            defer { lua.pop() }
            if lua.isNil(at: -1) { return [] }
            let items: [JSONValue]
            switch lua.json(at: -1, path: field) {
            case .success(.array(let list)): items = list
            case .success(.object(let empty)) where empty.isEmpty: items = []   // {} is an empty list too
            default: throw fail("manifest field '\(field)' must be a list of strings")
            }
            var values: [String] = []
            for (offset, item) in items.enumerated() {
                guard let value = item.stringValue, !value.isEmpty else {
                    throw fail("\(field)[\(offset + 1)] must be a non-empty string")
                }
                values.append(value)
            }
            return values
        }
        let name = try string("name", required: true)!
        guard name.first.map({ $0.isASCII && $0.isLowercase }) == true,
              name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw fail("plugin name '\(name)' must be lower-case letters, digits and '_', starting with a letter")
        }
        let version = try string("version", required: true)!
        let description = try string("description", required: true)!
        let labels = try stringList("labels")
        if labels.isEmpty { throw fail("manifest field 'labels' must list the labels the plugin emits") }
        for label in labels where !label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.:-".contains($0)) }) {
            throw fail("label '\(label)' may only use letters, digits and _ . : -")
        }
        let requires = try stringList("requires")
        let uses = try stringList("uses")
        for library in uses where !PluginHost.isValidName(library) {
            throw fail("uses: library name '\(library)' must be lower-case letters, digits and '_', starting with a letter")
        }
        lua.getField("annotate", in: index)
        let annotateType = lua.type(at: -1)
        lua.pop()
        guard annotateType == .function else { throw fail("manifest field 'annotate' must be a function (doc, ctx)") }
        lua.getField("setup", in: index)
        let setupType = lua.type(at: -1)
        lua.pop()
        guard setupType == .nil || setupType == .function else { throw fail("manifest field 'setup' must be a function (ctx)") }
        var params: [String: JSONValue] = [:]
        lua.getField("params", in: index)
        if !lua.isNil(at: -1) {
            guard case .success(let value) = lua.json(at: -1, path: "params"), let object = value.objectValue else {
                lua.pop()
                throw fail("manifest field 'params' must be a table of name = default value")
            }
            params = object
        }
        lua.pop()
        let examples = try readExamples(from: lua, at: index, path: path)
        return PluginManifest(name: name, version: version, description: description, labels: labels,
                              requires: requires, uses: uses, params: params, examples: examples)
    }

    /// The libraries a plugin loaded must be those its manifest declares in `uses`, so
    /// that installing and packing it (which read `uses`) bring every one of them.
    static func checkUses(_ declared: [String], used: [String], path: String) throws(PluginError) {
        if let undeclared = used.first(where: { !declared.contains($0) }) {
            throw PluginError(kind: .manifest, message: "the plugin calls marginalia.use(\"\(undeclared)\") but its manifest does not declare it: add uses = { \(used.map { "\"\($0)\"" }.joined(separator: ", ")) }", file: path)
        }
        if let unused = declared.first(where: { !used.contains($0) }) {
            throw PluginError(kind: .manifest, message: "the manifest declares uses = { \"\(unused)\" } but the plugin never calls marginalia.use(\"\(unused)\") at its top level", file: path)
        }
    }

    private static func readExamples(from lua: LuaState, at index: Int32, path: String) throws(PluginError) -> [PluginExample] {
        func fail(_ message: String) -> PluginError { PluginError(kind: .manifest, message: message, file: path) }
        lua.getField("examples", in: index)
        defer { lua.pop() }
        if lua.isNil(at: -1) { return [] }
        guard case .success(let value) = lua.json(at: -1, path: "examples"),
              let items = value.arrayValue ?? (value.objectValue?.isEmpty == true ? [] : nil) else {
            throw fail("manifest field 'examples' must be a list of { text = …, expect = {…} } tables")
        }
        var examples: [PluginExample] = []
        for (offset, item) in items.enumerated() {
            let at = "examples[\(offset + 1)]"
            guard let fields = item.objectValue, let text = fields["text"]?.stringValue else {
                throw fail("\(at) needs a 'text' string")
            }
            func labels(_ key: String) throws(PluginError) -> [String] {
                guard let value = fields[key] else { return [] }
                guard let list = value.arrayValue ?? (value.objectValue?.isEmpty == true ? [] : nil),
                      list.allSatisfy({ $0.stringValue != nil }) else {
                    throw fail("\(at).\(key) must be a list of labels")
                }
                return list.compactMap(\.stringValue)
            }
            var spans: [PluginExample.ExpectedSpan] = []
            if let spans = fields["spans"], spans.arrayValue == nil, spans.objectValue?.isEmpty != true {
                throw fail("\(at).spans must be a list of { label = …, text = … }")
            }
            for (spanOffset, span) in (fields["spans"]?.arrayValue ?? []).enumerated() {
                guard let label = span.objectValue?["label"]?.stringValue, let covered = span.objectValue?["text"]?.stringValue else {
                    throw fail("\(at).spans[\(spanOffset + 1)] needs 'label' and 'text'")
                }
                spans.append(.init(label: label, text: covered))
            }
            var meta: [String: String] = [:]
            for (key, value) in fields["meta"]?.objectValue ?? [:] { meta[key] = value.stringValue ?? value.serialized() }
            examples.append(PluginExample(
                text: text, language: fields["lang"]?.stringValue, meta: meta,
                expect: try labels("expect"), reject: try labels("reject"), spans: spans))
        }
        return examples
    }
}
