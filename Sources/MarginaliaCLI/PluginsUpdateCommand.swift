import ArgumentParser
import Foundation
import MarginaliaBatch

struct PluginsUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Move git-installed plugins to the newest commit of their ref, and say what changed.",
        discussion: """
            A plugin installed at a branch (or the default branch) moves to that branch's
            newest commit; one installed at a version tag (v1.0.0) moves to the repository's
            highest version tag; one pinned to a commit stays. --to REF moves to that tag,
            branch or commit instead. The new version is checked and installed like
            `plugins install` does, and marginalia.lock is updated.

            Printed for each plugin: old → new version, SHA-256 and commit, and the
            `marginalia diff` command that compares their annotations once both have run.

            Examples:
              marginalia plugins update
              marginalia plugins update ports --to v2.0.0
            """
    )

    @Argument(help: ArgumentHelp("Plugins to update (default: every git-installed plugin of the lock).", valueName: "name"))
    var names: [String] = []

    @Option(help: ArgumentHelp("Move to this tag, branch or commit.", valueName: "ref"))
    var to: String?

    @OptionGroup var sharing: SharingOptions

    func run() throws {
        let updates: [PluginInstaller.Updated]
        do { updates = try sharing.installer(force: false).update(names, to: to) } catch { throw CommandFailure("\(error)") }
        for update in updates {
            let before = update.before
            guard let after = update.after else {
                print("\(before.name) \(before.version): up to date (\(before.sourceDescription))"
                      + (update.pinned ? "; it is pinned to that commit: `marginalia plugins update \(before.name) --to REF` moves it" : ""))
                continue
            }
            print("\(before.name) \(before.version) → \(after.version)")
            print("  sha256  \(before.sha256.prefix(12))… → \(after.sha256.prefix(12))…")
            print("  source  \(before.sourceDescription) → \(after.sourceDescription)")
            if before.version != after.version {
                print("  once both versions have annotated, compare them:")
                print("    marginalia diff --plugin \(after.name) --from \(before.version) --to \(after.version)")
            } else {
                print("  same version \(after.version) with other files: a run replaces the earlier output; to compare, annotate into a second store and run")
                print("    marginalia diff --plugin \(after.name) --to-store new.sqlite")
            }
        }
    }
}
