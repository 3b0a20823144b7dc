/// A plugin loaded into a sandbox: its descriptor, the registry references of its
/// `annotate` function and `ctx`, its source (to quote lines in errors) and what it may read.
/// A class: every run of it on a document passes it along, and a struct was copied there,
/// field by field.
///
/// ```swift
/// let plugin = try PluginLoader(sandbox: sandbox).load(path: "Plugins/places/places.lua", params: [:], after: [])
/// plugin.access.sources   // the plugins it requires
/// ```
final class LoadedPlugin {
    var descriptor: PluginDescriptor
    var annotateRef: Int32
    var ctxRef: Int32
    var source: String
    var access = LabelAccess(readable: [:])
    /// `descriptor.paramsSHA256`, hashed once rather than for every document.
    let paramsSHA256: String

    init(descriptor: PluginDescriptor, annotateRef: Int32, ctxRef: Int32, source: String) {
        self.descriptor = descriptor
        self.annotateRef = annotateRef
        self.ctxRef = ctxRef
        self.source = source
        paramsSHA256 = descriptor.paramsSHA256
    }
}

/// What a plugin file may read while it loads.
///
/// ```swift
/// host.loading = LoadContext(directory: "Plugins/defense", pluginFile: "Plugins/defense/defense.lua", pluginFolder: "Plugins/defense", environmentRef: envRef)
/// ```
struct LoadContext {
    /// The folder relative paths start from: the plugin's, or a library's while its top level runs.
    var directory: String
    /// The plugin file and its folder.
    var pluginFile: String
    var pluginFolder: String
    /// Prefix of the recorded paths of files read now ("lib/NAME/" inside a library).
    var recordPrefix = ""
    /// The plugin's global table, which included files share.
    var environmentRef: Int32
    /// Every file opened or looked for, as opened, with its bytes (nil: not there), for
    /// ``PluginDescriptor/loadReads``; the plugin file first.
    var reads: [(path: String, bytes: [UInt8]?)] = []
    var dataFiles: [(path: String, bytes: [UInt8])] = []
    /// Libraries loaded with `marginalia.use`, in order, with the folder each was found in.
    var libraries: [(name: String, folder: String)] = []
    /// Files being included, outermost first (to report cycles).
    var including: [String] = []
}
