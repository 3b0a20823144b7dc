import Marginalia
import MarginaliaLua
import MarginaliaPresentation

/// The one-line shell command that reproduces a recorded failure alone.
///
/// A plugin error or a limit hit on a stored document replays that plugin on that
/// document with `marginalia eval`, under the limits the run used when they were not the
/// defaults. An unreadable JSONL line is cut out with `sed` and fed to `annotate -`; an
/// unreadable file is annotated alone, into a scratch store.
///
/// ```swift
/// ReproCommand.for(recorded.error, run: run, store: "news.sqlite")
/// // marginalia eval --plugin Plugins/defense/defense.lua --doc tmt-12 --store news.sqlite
/// ```
enum ReproCommand {
    static let scratchStore = "/tmp/repro.sqlite"

    static func `for`(_ error: ProcessingError, run: StoredRun?, store: String) -> String {
        switch error.kind {
        case .plugin, .instructionLimit, .memoryLimit, .timeLimit, .interrupted:
            guard let documentID = error.documentID, let plugin = error.plugin else { return readRepro(error) }
            var words = ["marginalia", "eval", "--plugin", run?.pluginPaths[plugin] ?? plugin, "--doc", documentID, "--store", store]
            let defaults = SandboxLimits()
            if let instructions = run?.settings["max_instructions"]?.doubleValue.map({ Int($0) }), instructions != defaults.instructions {
                words += ["--max-instructions", String(instructions)]
            }
            if let megabytes = run?.settings["max_memory_mb"]?.doubleValue.map({ Int($0) }), megabytes != defaults.memoryBytes >> 20 {
                words += ["--max-memory", String(megabytes)]
            }
            if let seconds = run?.settings["max_seconds"]?.doubleValue, seconds != defaults.seconds {
                words += ["--max-seconds", SandboxLimits.text(seconds: seconds)]
            }
            return ShellQuoting.command(words)
        case .document:
            return readRepro(error)
        }
    }

    /// For a record or file that could not be read.
    private static func readRepro(_ error: ProcessingError) -> String {
        let annotateAlone = ShellQuoting.command(["marginalia", "annotate", "-", "--store", scratchStore])
        guard let source = error.source else { return "# no source was recorded for this failure" }
        let (file, line) = splitLine(source)
        let wholeFile = error.message.contains(": cannot read file: ")
        guard let line, !wholeFile else {
            let path = file == "<stdin>" ? "SAVED_STDIN.jsonl" : file
            return ShellQuoting.command(["marginalia", "annotate", path, "--store", scratchStore])
        }
        let cut = "sed -n '\(line)p;\(line)q'"
        if file == "<stdin>" { return "\(cut) SAVED_STDIN.jsonl | \(annotateAlone)   # line \(line) of what was piped in" }
        if file.hasSuffix(".gz") { return "zcat \(ShellQuoting.quote(file)) | \(cut) | \(annotateAlone)" }
        return "\(cut) \(ShellQuoting.quote(file)) | \(annotateAlone)"
    }

    /// `path:12` → (`path`, 12); anything else → (source, nil).
    static func splitLine(_ source: String) -> (file: String, line: Int?) {
        guard let colon = source.lastIndex(of: ":"), let line = Int(source[source.index(after: colon)...]) else {
            return (source, nil)
        }
        return (String(source[..<colon]), line)
    }
}
