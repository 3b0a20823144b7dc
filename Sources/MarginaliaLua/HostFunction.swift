import CLua
import CLuaShim

/// The Swift functions scripts can call. Each is a C closure (CLuaShim's trampoline)
/// carrying this raw value; `HostDispatch` routes it to the owning `PluginHost`.
enum HostFunction: Int32, CaseIterable {
    case annotate, label, annotations, sentences, tokens
    case lexicon, lexiconFindAll, loadTerms, include, use
    case log, print
}

/// The one C entry point for every host function.
enum HostDispatch {
    /// Installs the dispatcher in CLuaShim (idempotent).
    static func register() { _ = installed }

    private static let installed: Void = {
        mg_set_host_dispatch { state, function in
            guard let state, let host = mg_sandbox_of(state).pointee.host,
                  let function = HostFunction(rawValue: function) else { return -1 }
            let pluginHost = Unmanaged<PluginHost>.fromOpaque(host).takeUnretainedValue()
            return pluginHost.call(function)
        }
    }()
}
