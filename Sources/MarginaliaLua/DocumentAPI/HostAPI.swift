/// Every Swift function a script can call, declared once. The table drives the bridge's
/// dispatch (an entry's position is its id), the tables the prelude builds (`doc`, `ctx`,
/// `marginalia`, lexicons, globals) and the documentation tests, which check that
/// `docs/lua-api.md`, `types/marginalia.lua` and `.luacheckrc` describe every entry.
///
/// Adding a Lua function: one entry here, its implementation (an extension of
/// `HostContext`), and its prose in `docs/lua-api.md` — the tests name whatever else
/// is missing.
///
/// ```swift
/// HostAPI.functions.map(\.qualifiedName)   // ["doc:annotate", …, "marginalia.lexicon", …, "print"]
/// ```
enum HostAPI {
    static let functions: [HostFunction] = [
        HostFunction(.doc, "annotate", "start, stop, label [, options]",
                     "Marks bytes start..stop (1-based, inclusive) with a declared label.") { $0.annotateSpan() },
        HostFunction(.doc, "annotate_all", "spans, label [, options]",
                     "Marks every span of a list `{ { start =, stop = [, score =] [, features =] }, … }` with a declared label, in one call.") { $0.annotateSpans() },
        HostFunction(.doc, "label", "label [, score [, features]]",
                     "Labels the whole document.") { $0.labelDocument() },
        HostFunction(.doc, "annotations", "[label]",
                     "What the plugins this one `requires` produced on this document.") { $0.readAnnotations() },
        HostFunction(.doc, "count", "label [, feature]",
                     "How many annotations of `label` the required plugins made, and how many carry each value of `feature`.") { $0.countAnnotations() },
        HostFunction(.doc, "each", "label [, feature, ...]",
                     "An iterator over the spans of `label` the required plugins made: `for start, stop, v1, … in doc:each(label, f1, …) do … end`, no table per annotation.") { $0.eachAnnotation() },
        HostFunction(.doc, "sentences", "",
                     "The sentences, computed once per document.") { $0.pushSpans($0.current?.sentences, name: "doc:sentences") },
        HostFunction(.doc, "tokens", "",
                     "The tokens (words keep inner ' - .), computed once per document.") { $0.pushSpans($0.current?.tokens, name: "doc:tokens") },
        HostFunction(.ctx, "log", "...",
                     "Writes a debugging message to standard error, prefixed with the plugin's name.") { $0.log() },
        HostFunction(.marginalia, "lexicon", "terms",
                     "Compiles terms into a matcher. Do it once, at the top level of the plugin file.") { $0.makeLexicon() },
        HostFunction(.lexicon, "find_all", "doc_or_text",
                     "Finds the terms in a document or a string: leftmost-longest, non-overlapping.") { $0.findAll() },
        HostFunction(.lexicon, "each", "doc_or_text",
                     "An iterator over the matches find_all returns: `for start, stop, term in lex:each(doc) do … end`, no table per match.") { $0.eachMatch() },
        HostFunction(.lexicon, "annotate", "doc, label [, options]",
                     "Finds the terms in the document and marks each as a `label` span with its term as a feature, in one call; returns the hits.") { $0.annotateMatches() },
        HostFunction(.marginalia, "features", "table",
                     "Converts a features table once, for many doc:annotate calls with the same features; returns a handle to pass as `features`.") { $0.makeFeatures() },
        HostFunction(.marginalia, "load_terms", "path",
                     "Reads a term file (one per line, # comments) relative to the plugin's folder.") { $0.loadTerms() },
        HostFunction(.marginalia, "include", "path",
                     "Runs a Lua file of the plugin's folder in the plugin's environment and returns its result.") { $0.include() },
        HostFunction(.marginalia, "use", "name",
                     "Loads the library lib/NAME/NAME.lua (declared in the manifest's `uses`) and returns its result.") { $0.use() },
        HostFunction(.global, "print", "...",
                     "Writes its arguments to standard error, prefixed with the plugin's name, as ctx.log does.") { $0.log() },
    ]

    /// The id of the `__gc` metamethod of lexicon userdata (no script can call it: the
    /// lexicon metatable is hidden), which gives the lexicon's memory back.
    static let releaseLexiconID = Int32(functions.count)

    /// The id of the `__gc` metamethod of features userdata (hidden as well), which frees
    /// its slot and gives its memory back.
    static let releaseFeaturesID = Int32(functions.count + 1)

    /// Runs the entry with this id (its position in `functions`) for a script of `context`.
    static func call(_ id: Int32, in context: HostContext) -> Int32 {
        if id == releaseLexiconID { return context.releaseLexicon() }
        if id == releaseFeaturesID { return context.releaseFeatures() }
        guard functions.indices.contains(Int(id)) else { return -1 }
        return functions[Int(id)].body(context)
    }
}

/// One host function: where scripts find it, how they call it, and its Swift body.
///
/// ```swift
/// HostFunction(.doc, "tokens", "", "The tokens, computed once per document.") { $0.pushSpans($0.current?.tokens, name: "doc:tokens") }
/// ```
struct HostFunction: Sendable {
    /// The Lua table a function is reached through.
    enum Scope: String, Sendable, CaseIterable {
        /// `doc:name(…)`, a method of every document.
        case doc
        /// `ctx.name(…)`, a field of every plugin's context.
        case ctx
        /// `marginalia.name(…)`.
        case marginalia
        /// `lex:name(…)`, a method of a lexicon made by `marginalia.lexicon`.
        case lexicon
        /// A global function, `name(…)`.
        case global
    }

    let scope: Scope
    let name: String
    /// The arguments as `docs/lua-api.md` writes them (`[x]` for an optional one).
    let arguments: String
    /// The one-line description (also the doc comment in `types/marginalia.lua`).
    let summary: String
    /// Reads the arguments from the stack; returns the number of results, or -1 with an
    /// error message pushed (`HostContext.fail`).
    let body: @Sendable (HostContext) -> Int32

    init(_ scope: Scope, _ name: String, _ arguments: String, _ summary: String, body: @escaping @Sendable (HostContext) -> Int32) {
        self.scope = scope
        self.name = name
        self.arguments = arguments
        self.summary = summary
        self.body = body
    }

    /// How a script writes it: `doc:annotate`, `ctx.log`, `marginalia.lexicon`, `lexicon:find_all`, `print`.
    var qualifiedName: String {
        switch scope {
        case .doc, .lexicon: return "\(scope.rawValue):\(name)"
        case .ctx, .marginalia: return "\(scope.rawValue).\(name)"
        case .global: return name
        }
    }
}
