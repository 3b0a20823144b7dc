import Foundation
import MarginaliaBatch
import MarginaliaLua

extension PluginOptions {
    /// What these options select among `found` (the search path's plugins), before loading
    /// any: the key of the plugin set a store records for a resumed run (``PluginSelection``).
    ///
    /// ```swift
    /// let found = try pluginOptions.located()
    /// let selection = try pluginOptions.selection(found: found)
    /// RecordedPluginSet.resumable(selection: selection, store: store, inputs: paths, options: options)
    /// ```
    func selection(found: [PluginLocator.Found]) throws -> PluginSelection {
        PluginSelection(found: found.map { ($0.name, $0.path) }, only: onlyNames, paramAssignments: paramAssignments,
                        projectFile: config, libraryPath: try locator().libraryPath, limits: limits)
    }
}
