import ArgumentParser
import Marginalia

/// `--plugin a,b@1.0` for commands that read predictions (default: the latest version of
/// every raw plugin).
///
/// A merged layer is named `merged@<its options>`, e.g. `merged@vote(threshold=0.5) spans=join`;
/// those options may hold commas, so the whole value is first tried as one layer name.
struct LayerOptions: ParsableArguments {
    @Option(name: .customLong("plugin"),
            help: ArgumentHelp("Layers to read: plugin names or name@version, comma-separated (default: the latest version of every plugin).", valueName: "plugins"))
    var plugins: String?

    func layers(in store: any AnnotationStore) throws -> [PluginIdentity] {
        let all = try store.layers()
        guard let plugins else { return LayerSelection.rawInputs(from: all, allVersions: false) }
        let patterns = LayerSelection.matching(plugins, in: all).isEmpty ? plugins.split(separator: ",").map(String.init) : [plugins]
        var chosen: [PluginIdentity] = []
        for pattern in patterns {
            let found = LayerSelection.matching(pattern, in: all)
            if found.isEmpty {
                throw CommandFailure("no layer '\(pattern)' in the store; it has \(all.map(LayerMerger.key).joined(separator: ", "))")
            }
            let merges = all.filter { $0.name == LayerName.merged }
            if pattern == LayerName.merged && merges.count > 1 {
                throw CommandFailure("the store has several merged layers; name one with --plugin 'merged@<options>': "
                                   + merges.map(LayerMerger.key).joined(separator: ", "))
            }
            chosen += found
        }
        return chosen
    }
}
