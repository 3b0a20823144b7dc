import ArgumentParser
import Foundation
import Marginalia
import MarginaliaBatch

struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Run the plugins over documents and store what they find.",
        discussion: """
            Reads .txt files (one article each; the file stem is the id) and .jsonl files
            (one {"id", "text", …} object a line), recursively from folders. Documents already
            annotated by the same plugin versions are skipped unless --force.

            Exit status: 0 when everything went well, 1 when some documents or plugins failed
            (the summary lists them; the rest is stored).

            Examples:
              marginalia annotate seeds/
              marginalia annotate corpus.jsonl --only defense,un_votes --store corpus.sqlite
              marginalia annotate seeds/ --plugins my_tagger.lua
              marginalia annotate seeds/ --param defense.min_hits=3
              marginalia annotate corpus/ --locked          # exactly the plugins in marginalia.lock
            """
    )

    @Argument(help: ArgumentHelp("Files or folders to annotate.", valueName: "path"))
    var paths: [String] = ["seeds"]

    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(name: [.short, .long], help: "Worker threads (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Redo documents that are already annotated by these plugin versions.")
    var force = false

    @Flag(name: [.short, .long], help: "Print only the summary.")
    var quiet = false

    @Flag(help: "Refuse to run unless the plugins match marginalia.lock (see `marginalia plugins lock`).")
    var locked = false

    @Option(help: ArgumentHelp("The lock file checked by --locked.", valueName: "file"))
    var lock: String = PluginLock.defaultName

    func run() throws {
        let plugins = try pluginOptions.pluginSet()
        if locked {
            let problems: [String]
            do { problems = try PluginLock.load(path: lock).differences(from: plugins.descriptors) } catch { throw CommandFailure("\(error)") }
            if !problems.isEmpty {
                throw CommandFailure("the plugins differ from \(lock):\n  " + problems.joined(separator: "\n  ")
                                      + "\nRun `marginalia plugins lock` to accept the change, or restore the locked plugins.")
            }
        }
        let store = try storeOptions.open()
        let pipeline = AnnotationPipeline(plugins: plugins, store: store, options: .init(jobs: jobs, force: force))
        if !quiet {
            let names = plugins.descriptors.map { "\($0.name) \($0.version)" }.joined(separator: ", ")
            Console.error("annotating \(paths.joined(separator: " ")) with \(names) into \(storeOptions.store)")
        }
        let summary = try pipeline.run(inputs: paths)
        print(summary.render())
        if !summary.succeeded { throw ExitCode(1) }
    }
}
