import Foundation
import Marginalia
import MarginaliaLua

extension PluginSet {
    /// The plugins called `names` among those `found` on the search path, with what they
    /// require (transitively, by name: `un_votes` brings `places`), in search-path order
    /// before dependency ordering. Each file is loaded once, to read its manifest.
    ///
    /// A required plugin that is not in `found` is an error naming both (the message of
    /// `missing`, else "plugin 'a' requires 'b', which is not among the plugins in use");
    /// a file that does not load is an error naming it, the first in search-path order.
    /// Every name must be in `found`: the caller says what to do about an unknown one.
    ///
    /// ```swift
    /// let found = PluginLocator(explicit: ["Plugins"]).locate().plugins
    /// let set = try PluginSet(named: ["un_votes"], among: found)
    /// set.descriptors.map(\.name)   // ["places", "un_votes"]
    /// ```
    public init(named names: [String], among found: [PluginLocator.Found], limits: SandboxLimits = SandboxLimits(),
                libraryPath: [String]? = nil,
                missing: ((_ plugin: PluginDescriptor, _ required: String) -> PluginError)? = nil) throws(PluginError) {
        let spare = SpareHost()
        let probe = try Self.probe(limits: limits, libraryPath: libraryPath, spare: spare)
        var loaded: [String: Result<PluginDescriptor, PluginError>] = [:]
        var wanted = Set(names)
        // In search-path order (the last popped first), the order of the set when nothing
        // requires anything, so that the probe can serve as the set's first host.
        let rank = Dictionary(found.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var queue = names.sorted { rank[$0, default: .max] > rank[$1, default: .max] }
        while let name = queue.popLast() {
            guard loaded[name] == nil, let plugin = found.first(where: { $0.name == name }) else { continue }
            let result = Result { () throws(PluginError) in try probe.load(path: plugin.path) }
            loaded[name] = result
            guard case .success(let descriptor) = result else { continue }
            for required in descriptor.requires where !wanted.contains(required) {
                if let missing, !found.contains(where: { $0.name == required }) { throw missing(descriptor, required) }
                wanted.insert(required)
                queue.append(required)
            }
        }
        var selected: [PluginDescriptor] = []
        for plugin in found where wanted.contains(plugin.name) {
            if let result = loaded[plugin.name] { selected.append(try result.get()) }
        }
        try self.init(loaded: selected, params: [:], limits: limits, libraryPath: libraryPath, probe: (probe, spare))
    }
}
