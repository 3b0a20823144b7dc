import ArgumentParser
import Marginalia

/// `--plugin a,b@1.0` for commands that read predictions (default: the latest version of
/// every raw plugin).
struct LayerOptions: ParsableArguments {
    @Option(name: .customLong("plugin"),
            help: ArgumentHelp("Layers to read: plugin names or name@version, comma-separated (default: the latest version of every plugin).", valueName: "plugins"))
    var plugins: String?

    func layers(in store: any AnnotationStore) throws -> [PluginIdentity] {
        let all = try store.layers()
        guard let plugins else { return LayerSelection.rawInputs(from: all, allVersions: false) }
        var chosen: [PluginIdentity] = []
        for pattern in plugins.split(separator: ",").map(String.init) {
            let found = LayerSelection.matching(pattern, in: all)
            if found.isEmpty {
                throw CommandError("no layer '\(pattern)' in the store; it has \(all.map(LayerMerger.key).joined(separator: ", "))")
            }
            chosen += found
        }
        return chosen
    }
}
