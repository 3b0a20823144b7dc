import ArgumentParser
import Foundation
import MarginaliaBatch

struct PluginsInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install plugins from a file, folder, archive or git repository, and record them in marginalia.lock.",
        discussion: """
            SOURCE is one of
              a plugin file or folder        ports.lua, ~/shared/ports (a folder holding ports.lua)
              a folder of plugins            ~/shared/taggers (plugin folders, .lua files, lib/)
              an archive                     ports-1.0.0.tar.gz, ports.zip (e.g. from `plugins pack`)
              a git repository               https://host/ports.git, git@host:me/ports.git,
                                             file:///srv/ports.git, /srv/ports.git, ~/src/ports@main
            with, for git, an optional @TAG, @BRANCH or @COMMIT (default: the default branch).
            A local work tree without @REF is copied as a folder (uncommitted edits included).

            Each plugin is checked before anything is copied: it must load, be named after its
            file, find what it requires (in the source or on the search path) and pass its
            examples. It is then copied to DIR/NAME/, the libraries it uses (`uses`) to
            DIR/lib/, and marginalia.lock records its source, the git commit, its version and
            SHA-256, so that `marginalia plugins sync` can restore it anywhere.
            Another plugin of the same name in DIR is never replaced without --force.

            Examples:
              marginalia plugins install https://github.com/me/marginalia-ports.git@v1.0.0
              marginalia plugins install ports-1.0.0.tar.gz
              marginalia plugins install ~/shared/taggers --only ports,ships --dir taggers
            """
    )

    @Argument(help: ArgumentHelp("What to install from (see above).", valueName: "source"))
    var source: String

    @OptionGroup var sharing: SharingOptions

    @Option(help: ArgumentHelp("Install only these plugins of the source (comma-separated).", valueName: "names"))
    var only: String?

    @Flag(help: "Replace another plugin or library of the same name in DIR.")
    var force = false

    func run() throws {
        let installer = try sharing.installer(force: force)
        let parsed: PluginSource
        do { parsed = try PluginSource(parsing: source) } catch { throw CommandFailure("\(error)") }
        let names = only.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        let installed: [PluginInstaller.Installed]
        do { installed = try installer.install(parsed, names: names) } catch { throw CommandFailure("\(error)") }
        for result in installed {
            let entry = result.entry
            let folder = (entry.path as NSString).deletingLastPathComponent
            let replaced = result.previous.map { $0.sha256 == entry.sha256 ? " (unchanged)" : " (was \($0.version), sha256 \($0.sha256.prefix(12))…)" } ?? ""
            print("installed \(entry.name) \(entry.version) into \(folder)/ from \(entry.sourceDescription)\(replaced)")
            print("  sha256 \(entry.sha256)")
            print("  examples: \(result.examplesPassed) passed")
            for library in result.librariesInstalled { print("  library \(library) installed into \(sharing.dir)/lib/\(library)/") }
            for warning in result.warnings { Console.warn(warning) }
        }
        print("recorded in \(sharing.lock) (commit it with your project; `marginalia plugins sync` restores from it)")
    }
}
