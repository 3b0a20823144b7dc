import Foundation
import Marginalia

/// What the host functions of `HostAPI` see while a script runs: the Lua state, the
/// document being annotated, the plugin file being loaded, the lexicons made so far and
/// where log messages go. One per sandbox; it lives on the sandbox's thread.
///
/// ```swift
/// context.current = DocumentContext(document: document)   // doc:* functions now work
/// ```
final class HostContext {
    let lua: LuaState
    /// Set while a document is annotated.
    var current: DocumentContext?
    /// Set while a plugin file loads (for `marginalia.load_terms` and `marginalia.include`).
    var loading: LoadContext?
    /// Folders whose `lib/` subfolder `marginalia.use` searches after the plugin's own
    /// (default: the search path of `PluginLocator()`).
    lazy var libraryPath: [String] = PluginLocator().libraryPath
    /// The lexicons the scripts hold; a lexicon userdata holds its slot.
    var lexiconHandles = LexiconHandles()
    /// The lexicons of the loaded plugins matched in one pass per document.
    var lexiconGroup: LexiconGroup?
    /// Each group member's position in `lexiconGroup`, and the bytes charged for the group.
    var lexiconGroupMembers: [ObjectIdentifier: Int] = [:]
    var lexiconGroupBytes = 0
    /// Set when a lexicon is made outside a document (while plugins load): the group is
    /// made again before the next document.
    var lexiconGroupIsStale = false
    /// The features `{ term = … }` of every term of the lexicons `lex:annotate` marked with,
    /// made once per lexicon (each hit made its dictionary anew); dropped with the lexicon's
    /// last handle. A list searched by identity: the plugins hold a few lexicons, and hashing
    /// an `ObjectIdentifier` for every call cost more than comparing a few pointers.
    var termFeatures: [(lexicon: Lexicon, features: [JSONValue])] = []
    /// The metatable of lexicon userdata (made by the prelude).
    var lexiconMetatableRef: Int32 = 0
    /// The features tables converted by `marginalia.features`; a features userdata holds its slot.
    var featureHandles = FeatureHandles()
    /// The metatable of features userdata (made by the sandbox).
    var featuresMetatableRef: Int32 = 0
    /// Messages from `ctx.log` and `print`, with the plugin that wrote them.
    var onLog: (String, String) -> Void = { plugin, message in
        FileHandle.standardError.write(Data("[\(TerminalText.safeLine(plugin))] \(TerminalText.safeLine(message))\n".utf8))
    }

    init(lua: LuaState) {
        self.lua = lua
    }

    deinit {
        // The state closes without calling finalizers into the host: give back its handles here.
        for lexicon in lexiconHandles.removeAll() { LexiconCache.shared.release(lexicon) }
    }

    /// Pushes `message` as the error to raise; return the result from the host function.
    func fail(_ message: String) -> Int32 {
        lua.push(message)
        return -1
    }
}
