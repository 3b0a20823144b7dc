import Foundation
import MarginaliaTestSupport
import XCTest

/// `plugins install`, `update`, `sync`, `pack` and `remove`, run as researchers sharing a
/// tagger would, against a real git repository (bare, made here, tags v1.0.0 and v1.1.0)
/// through the system git.
final class PluginSharingCLITests: XCTestCase {
    let work = TemporaryDirectory()
    var project: String { work.file("project") }
    var repository: String { "file://" + work.file("ports.git") }

    static let library = """
        local portlib = {}
        -- Evidence and decision, shared by port taggers.
        function portlib.tag(doc, hits, min_hits)
          for _, hit in ipairs(hits) do doc:annotate(hit.start, hit.stop, "ports.term", { features = { term = hit.term } }) end
          if #hits >= min_hits then doc:label("topic:ports", math.min(1, #hits / 4)) end
        end
        return portlib
        """

    static func plugin(version: String) -> String {
        """
        local portlib = marginalia.use("portlib")
        local TERMS = marginalia.lexicon(marginalia.load_terms("lexicons/ports.txt"))
        return {
          name = "ports", version = "\(version)", description = "Ports and shipping",
          labels = { "topic:ports", "ports.term" }, uses = { "portlib" }, params = { min_hits = 2 },
          annotate = function (doc, ctx) portlib.tag(doc, TERMS:find_all(doc), ctx.params.min_hits) end,
          examples = { { text = "The harbour of the port.", expect = { "topic:ports" } },
                       { text = "Nothing here.", reject = { "topic:ports" } } },
        }
        """
    }

    @discardableResult
    func git(_ arguments: [String], in directory: String) throws -> String {
        let result = try ChildProcess.run(program: ChildProcess.which("git")!,
                                          ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"] + arguments,
                                          in: directory)
        XCTAssertEqual(result.status, 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A repository laid out as "Publishing a tagger" says: ports/ and lib/portlib/ at its root.
    override func setUpWithError() throws {
        let source = work.file("source")
        work.write("source/README.md", "# ports\n")
        work.write("source/ports/ports.lua", Self.plugin(version: "1.0.0"))
        work.write("source/ports/lexicons/ports.txt", "port\nharbour\n")
        work.write("source/ports/README.md", "Tags ports.\n")
        work.write("source/lib/portlib/portlib.lua", Self.library)
        try git(["init", "--quiet"], in: source)
        try git(["add", "."], in: source)
        try git(["commit", "--quiet", "-m", "ports 1.0.0"], in: source)
        try git(["tag", "v1.0.0"], in: source)
        work.write("source/ports/ports.lua", Self.plugin(version: "1.1.0"))
        work.write("source/ports/lexicons/ports.txt", "port\nharbour\ndock\n")
        try git(["commit", "--quiet", "-am", "ports 1.1.0 knows docks"], in: source)
        try git(["tag", "v1.1.0"], in: source)
        try git(["clone", "--quiet", "--bare", source, work.file("ports.git")], in: work.path)

        work.write("project/marginalia.toml", "[params.ports]\nmin_hits = 1\n")
        work.write("articles/quay.txt", "At the quay\nThe dock workers of the port went on strike; the harbour stayed closed.\n")
        work.write("articles/farm.txt", "On the farm\nThe wheat harvest was good this year.\n")
    }

    func run(_ arguments: [String], in directory: String? = nil) throws -> CommandResult {
        try marginalia(arguments, in: directory ?? project)
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Annotates the articles with the locked plugins into a new store and returns its export.
    func lockedExport(in directory: String, store: String) throws -> Data {
        let annotated = try run(["annotate", work.file("articles"), "--locked", "--quiet", "--store", store], in: directory)
        XCTAssertEqual(annotated.status, 0, annotated.stderr)
        let exported = try run(["export", "--store", store, "--output", store + ".jsonl"], in: directory)
        XCTAssertEqual(exported.status, 0, exported.stderr)
        return try Data(contentsOf: URL(fileURLWithPath: store + ".jsonl"))
    }

    func testInstallAtATagUpdateDiffAndSyncInAFreshFolderReproduceTheExport() throws {
        let installed = try run(["plugins", "install", repository + "@v1.0.0"])
        XCTAssertEqual(installed.status, 0, installed.stdout + installed.stderr)
        XCTAssertTrue(installed.stdout.contains("installed ports 1.0.0 into Plugins/ports/"), installed.stdout)
        XCTAssertTrue(installed.stdout.contains("examples: 2 passed"), installed.stdout)
        XCTAssertTrue(installed.stdout.contains("library portlib installed"), installed.stdout)
        for file in ["Plugins/ports/ports.lua", "Plugins/ports/lexicons/ports.txt", "Plugins/ports/README.md", "Plugins/lib/portlib/portlib.lua"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: project + "/" + file), file)
        }
        let v1Commit = try git(["rev-parse", "v1.0.0^{commit}"], in: work.file("ports.git"))
        var lock = try read(project + "/marginalia.lock")
        XCTAssertTrue(lock.contains("version = \"1.0.0\""), lock)
        XCTAssertTrue(lock.contains("source = \"\(repository)\"\nkind = \"git\"\nref = \"v1.0.0\"\ncommit = \"\(v1Commit)\""), lock)
        XCTAssertTrue(lock.contains("\"lib/portlib/portlib.lua\" = "), "the library is part of the lock: \(lock)")

        let before = try lockedExport(in: project, store: project + "/v1.sqlite")
        XCTAssertFalse(String(decoding: before, as: UTF8.self).contains("\"text\":\"dock\""), "1.0.0 knows no docks")

        let updated = try run(["plugins", "update"])
        XCTAssertEqual(updated.status, 0, updated.stdout + updated.stderr)
        XCTAssertTrue(updated.stdout.contains("ports 1.0.0 → 1.1.0"), updated.stdout)
        XCTAssertNotNil(updated.stdout.range(of: #"sha256  [0-9a-f]{12}… → [0-9a-f]{12}…"#, options: .regularExpression), updated.stdout)
        XCTAssertTrue(updated.stdout.contains("marginalia diff --plugin ports --from 1.0.0 --to 1.1.0"), updated.stdout)
        lock = try read(project + "/marginalia.lock")
        XCTAssertTrue(lock.contains("ref = \"v1.1.0\"\ncommit = \"\(try git(["rev-parse", "v1.1.0^{commit}"], in: work.file("ports.git")))\""), lock)
        XCTAssertTrue(try run(["plugins", "update"]).stdout.contains("ports 1.1.0: up to date"))

        // Both versions in one store, then the diff command update printed.
        XCTAssertEqual(try run(["annotate", work.file("articles"), "--quiet", "--store", project + "/v1.sqlite", "--locked"]).status, 0)
        let diff = try run(["diff", "--plugin", "ports", "--from", "1.0.0", "--to", "1.1.0", "--store", project + "/v1.sqlite"])
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertNotNil(diff.stdout.range(of: #"ports\.term\s+1\s+0\s+0"#, options: .regularExpression),
                        "the new term (dock) is one added span: \(diff.stdout)")

        // A colleague with marginalia.toml and marginalia.lock and nothing else.
        let after = try lockedExport(in: project, store: project + "/v2.sqlite")
        let fresh = work.file("colleague")
        try FileManager.default.createDirectory(atPath: fresh, withIntermediateDirectories: true)
        for file in ["marginalia.toml", "marginalia.lock"] {
            try FileManager.default.copyItem(atPath: project + "/" + file, toPath: fresh + "/" + file)
        }
        let synced = try run(["plugins", "sync"], in: fresh)
        XCTAssertEqual(synced.status, 0, synced.stdout + synced.stderr)
        XCTAssertTrue(synced.stdout.contains("ports 1.1.0: restored from \(repository)@v1.1.0"), synced.stdout)
        let reproduced = try lockedExport(in: fresh, store: fresh + "/s.sqlite")
        XCTAssertEqual(reproduced, after, "byte-identical export")
        XCTAssertTrue(String(decoding: after, as: UTF8.self).contains("\"text\":\"dock\""), "the export is of 1.1.0, with min_hits from marginalia.toml")
        XCTAssertTrue(try run(["plugins", "sync"], in: fresh).stdout.contains("0 restored, 1 as locked, 0 failed"))

        // A tampered file in the synced plugin: sync and --locked refuse it by SHA-256, naming it.
        let lexicon = fresh + "/Plugins/ports/lexicons/ports.txt"
        try (try read(lexicon) + "ship\n").write(toFile: lexicon, atomically: true, encoding: .utf8)
        let refused = try run(["plugins", "sync"], in: fresh)
        XCTAssertEqual(refused.status, 1)
        XCTAssertNotNil(refused.stderr.range(of: #"lexicons/ports\.txt: locked [0-9a-f]{12}…, now [0-9a-f]{12}…"#, options: .regularExpression), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("marginalia plugins sync --force"), refused.stderr)
        let lockedRun = try run(["annotate", work.file("articles"), "--locked", "--store", fresh + "/t.sqlite"], in: fresh)
        XCTAssertEqual(lockedRun.status, 1)
        XCTAssertTrue(lockedRun.stderr.contains("lexicons/ports.txt: locked"), lockedRun.stderr)
        XCTAssertTrue(lockedRun.stderr.contains("To go back to the locked files: marginalia plugins sync --force"), lockedRun.stderr)
        let forced = try run(["plugins", "sync", "--force"], in: fresh)
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertFalse(try read(lexicon).contains("ship"))
        XCTAssertEqual(try lockedExport(in: fresh, store: fresh + "/u.sqlite"), after)
    }

    func testBranchesAndCommitsInstallAndUpdateAsTheirRefSays() throws {
        let v1 = try git(["rev-parse", "v1.0.0^{commit}"], in: work.file("ports.git"))
        let pinned = try run(["plugins", "install", repository + "@" + v1])
        XCTAssertEqual(pinned.status, 0, pinned.stdout + pinned.stderr)
        XCTAssertTrue(pinned.stdout.contains("installed ports 1.0.0"), pinned.stdout)
        let stays = try run(["plugins", "update"])
        XCTAssertTrue(stays.stdout.contains("ports 1.0.0: up to date") && stays.stdout.contains("pinned to that commit"), stays.stdout)
        let moved = try run(["plugins", "update", "ports", "--to", "main"])
        XCTAssertTrue(moved.stdout.contains("ports 1.0.0 → 1.1.0"), moved.stdout + moved.stderr)
        XCTAssertTrue(try read(project + "/marginalia.lock").contains("ref = \"main\""))

        // A new commit on the branch: update follows it.
        work.write("source/ports/ports.lua", Self.plugin(version: "1.2.0"))
        try git(["commit", "--quiet", "-am", "ports 1.2.0"], in: work.file("source"))
        try git(["push", "--quiet", work.file("ports.git"), "main"], in: work.file("source"))
        let followed = try run(["plugins", "update"])
        XCTAssertTrue(followed.stdout.contains("ports 1.1.0 → 1.2.0"), followed.stdout + followed.stderr)
        XCTAssertTrue(followed.stdout.contains("@main, commit"), followed.stdout)
    }

    /// A lock naming bundled plugins made on another machine (where they lived elsewhere)
    /// syncs when the bundled plugins here are the same; an edited copy is refused.
    func testBundledPluginsOfALockAreFoundByNameAndChecked() throws {
        try FileManager.default.removeItem(atPath: project + "/marginalia.toml")   // its [params.ports] names no plugin here
        XCTAssertEqual(try run(["plugins", "lock", "--only", "defense"]).status, 0)
        let lock = project + "/marginalia.lock"
        let moved = try read(lock).replacingOccurrences(of: Repository.path("Plugins"), with: "/elsewhere/share/marginalia/Plugins")
        XCTAssertNotEqual(moved, try read(lock))
        try moved.write(toFile: lock, atomically: true, encoding: .utf8)
        let synced = try run(["plugins", "sync"])
        XCTAssertEqual(synced.status, 0, synced.stdout + synced.stderr)
        XCTAssertTrue(synced.stdout.contains("0 restored, 1 as locked, 0 failed"), synced.stdout)

        try FileManager.default.copyItem(atPath: Repository.path("Plugins/defense"), toPath: project + "/Plugins/defense")
        try FileManager.default.copyItem(atPath: Repository.path("Plugins/lib"), toPath: project + "/Plugins/lib")
        work.write("project/Plugins/defense/lexicons/defense.fr.txt", "char d'assaut\n")
        let refused = try run(["plugins", "sync"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("Plugins/defense/defense.lua differs from the lock"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("lexicons/defense.fr.txt: locked"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("the lock records no source for 'defense'"), refused.stderr)
    }

    func testASourceThatNoLongerGivesTheLockedFilesIsRefused() throws {
        let folder = work.file("shared/ports")
        try FileManager.default.createDirectory(atPath: work.file("shared"), withIntermediateDirectories: true)
        try git(["clone", "--quiet", "--branch", "v1.0.0", work.file("ports.git"), work.file("checkout")], in: work.path)
        try FileManager.default.copyItem(atPath: work.file("checkout/ports"), toPath: folder)
        try FileManager.default.copyItem(atPath: work.file("checkout/lib"), toPath: work.file("shared/lib"))
        let installed = try run(["plugins", "install", folder])
        XCTAssertEqual(installed.status, 0, installed.stdout + installed.stderr)
        XCTAssertTrue(try read(project + "/marginalia.lock").contains("kind = \"folder\""))

        work.write("shared/ports/lexicons/ports.txt", "port\nharbour\nwharf\n")   // the source moved on
        try FileManager.default.removeItem(atPath: project + "/Plugins/ports")
        let synced = try run(["plugins", "sync"])
        XCTAssertEqual(synced.status, 1)
        XCTAssertTrue(synced.stderr.contains("\(folder) gives sha256"), synced.stderr)
        XCTAssertTrue(synced.stderr.contains("the lock says"), synced.stderr)
        XCTAssertTrue(synced.stderr.contains("lexicons/ports.txt: locked"), synced.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project + "/Plugins/ports"), "nothing was installed")
    }

    func testPackTwiceGivesTheSameBytesAndInstallingThePackGivesThePluginsSHA256() throws {
        XCTAssertEqual(try run(["plugins", "install", repository + "@v1.1.0"]).status, 0)
        let lockedSHA = try XCTUnwrap(try read(project + "/marginalia.lock").split(separator: "\n")
            .first { $0.hasPrefix("sha256 = ") }).dropFirst(10).dropLast()
        let first = try run(["plugins", "pack", "ports", "--output", project + "/a.tar.gz"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("plugin sha256  \(lockedSHA)"), first.stdout)
        // Other timestamps and another working folder change nothing.
        _ = try ChildProcess.run(program: ChildProcess.which("touch")!, ["-d", "2001-02-03", project + "/Plugins/ports/ports.lua"])
        let second = try run(["plugins", "pack", "ports", "--output", work.file("b.tar.gz"), "--plugins", project + "/Plugins"], in: work.path)
        XCTAssertEqual(second.status, 0, second.stderr)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: project + "/a.tar.gz"))
        XCTAssertEqual(bytes, try Data(contentsOf: URL(fileURLWithPath: work.file("b.tar.gz"))))

        let listing = try ChildProcess.run(program: ChildProcess.which("tar")!, ["-tvzf", project + "/a.tar.gz"]).stdout
        let lines = listing.split(separator: "\n")
        XCTAssertEqual(lines.map { $0.split(separator: " ").last.map(String.init) ?? "" },
                       ["lib/", "lib/portlib/", "lib/portlib/portlib.lua", "ports/", "ports/README.md", "ports/lexicons/", "ports/lexicons/ports.txt", "ports/ports.lua"])
        XCTAssertTrue(lines.allSatisfy { $0.contains(" 0/0 ") && $0.contains("1970-01-01 00:00") }, listing)

        let other = work.file("other")
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        let installed = try run(["plugins", "install", project + "/a.tar.gz"], in: other)
        XCTAssertEqual(installed.status, 0, installed.stdout + installed.stderr)
        XCTAssertTrue(installed.stdout.contains("sha256 \(lockedSHA)"), installed.stdout)

        // A zip of the same files installs too (as a download from a forge would come).
        let unpacked = work.file("unpacked/ports-1.1.0")
        try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
        _ = try ChildProcess.run(program: ChildProcess.which("tar")!, ["-xzf", project + "/a.tar.gz", "-C", unpacked])
        _ = try ChildProcess.run(program: ChildProcess.which("zip")!, ["-q", "-r", work.file("ports.zip"), "ports-1.1.0"], in: work.file("unpacked"))
        let zipped = try run(["plugins", "install", work.file("ports.zip"), "--dir", "taggers"], in: other)
        XCTAssertEqual(zipped.status, 0, zipped.stdout + zipped.stderr)
        XCTAssertTrue(zipped.stdout.contains("sha256 \(lockedSHA)"), zipped.stdout)
    }

    func testAnotherPluginOfTheSameNameIsKeptWithoutForceAndRemoveCleansUp() throws {
        XCTAssertEqual(try run(["plugins", "new", "ports"]).status, 0)
        let refused = try run(["plugins", "install", repository])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("Plugins/ports already holds a plugin named 'ports' (not installed from a source); pass --force"), refused.stderr)
        XCTAssertTrue(try read(project + "/Plugins/ports/ports.lua").contains("starter tagger"), "untouched")

        let forced = try run(["plugins", "install", repository, "--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(forced.stdout.contains("installed ports 1.1.0"), "the default branch: \(forced.stdout)")
        XCTAssertEqual(try run(["plugins", "install", repository + "@v1.0.0"]).status, 0, "reinstalling from its own source needs no --force")

        let removed = try run(["plugins", "remove", "ports"])
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertTrue(removed.stdout.contains("deleted Plugins/ports"), removed.stdout)
        XCTAssertTrue(removed.stdout.contains("deleted Plugins/lib/portlib"), "no other plugin uses the library: \(removed.stdout)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: project + "/Plugins/ports"))
        XCTAssertFalse(try read(project + "/marginalia.lock").contains("name = \"ports\""))
        XCTAssertEqual(try run(["plugins", "remove", "ports"]).status, 1)
    }

    func testEveryBadSourceGetsAClearErrorNamingIt() throws {
        work.write("empty/notes.txt", "no plugin here\n")
        work.write("broken/broken.lua", "return { name = 'broken', version = '1' }\n")
        work.write("failing/failing.lua", """
            return { name = "failing", version = "1", description = "d", labels = { "topic:x" },
              annotate = function () end, examples = { { text = "x", expect = { "topic:x" } } } }
            """)
        let cases: [(source: String, message: String)] = [
            (work.file("nowhere"), "\(work.file("nowhere")): no such file, folder or repository"),
            (work.file("empty"), "\(work.file("empty")): not a plugin: no NAME/NAME.lua folder or NAME.lua file in it"),
            (work.file("broken"), "manifest field 'description' is missing"),
            (work.file("failing"), "plugin 'failing' fails 1 of its 1 examples, so it was not installed"),
            ("file://" + work.file("missing.git"), "file://\(work.file("missing.git")): cannot clone the repository"),
            (repository + "@v9.9.9", "\(repository): no tag, branch or commit 'v9.9.9' in the repository (tags: v1.0.0, v1.1.0)"),
            (work.file("empty") + "@v1", "'@v1' names a git tag, branch or commit, but \(work.file("empty")) is not a git repository"),
        ]
        for (source, message) in cases {
            let result = try run(["plugins", "install", source])
            XCTAssertEqual(result.status, 1, source)
            XCTAssertTrue(result.stderr.contains(message), "\(source): \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: project + "/Plugins"), "nothing was installed")
    }

    /// What an installed plugin requires comes from the source or the search path, and its
    /// examples run after it; a requirement found in neither is named and nothing is installed.
    func testRequirementsOfAnInstalledPluginAreFoundOrNamed() throws {
        work.write("needy/needy.lua", """
            return { name = "needy", version = "1", description = "d", labels = { "topic:abroad" }, requires = { "places" },
              annotate = function (doc) if #doc:annotations("entity:country") > 0 then doc:label("topic:abroad", 1) end end,
              examples = { { text = "Talks in France.", expect = { "topic:abroad" } }, { text = "Talks at home.", reject = { "topic:abroad" } } } }
            """)
        let installed = try run(["plugins", "install", work.file("needy")])
        XCTAssertEqual(installed.status, 0, installed.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: project + "/Plugins/needy/needy.lua"))

        work.write("lonely/lonely.lua", """
            return { name = "lonely", version = "1", description = "d", labels = { "topic:x" }, requires = { "ghost" },
              annotate = function () end }
            """)
        let refused = try run(["plugins", "install", work.file("lonely")])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("\(work.file("lonely")): plugin 'lonely' requires 'ghost', which is neither in the source nor on the search path; install it first"),
                      refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project + "/Plugins/lonely"))
    }

    /// Each bundled plugin folder, copied alone into an empty project with the libraries it
    /// uses (and the plugins it requires), passes its tests there.
    func testEachBundledPluginFolderWorksOnItsOwn() throws {
        let home = work.file("home")   // an empty bundled folder: only the copies are found
        try FileManager.default.createDirectory(atPath: home + "/Plugins", withIntermediateDirectories: true)
        let requires = ["relations": ["places"], "trade": ["places"], "un_votes": ["places"]]
        for name in Repository.bundledPluginNames {
            let folder = work.file("alone-\(name)")
            try FileManager.default.createDirectory(atPath: folder + "/Plugins/lib", withIntermediateDirectories: true)
            for plugin in [name] + (requires[name] ?? []) {
                try FileManager.default.copyItem(atPath: Repository.path("Plugins/\(plugin)"), toPath: folder + "/Plugins/\(plugin)")
            }
            let source = try read(Repository.path("Plugins/\(name)/\(name).lua"))
            if source.contains("marginalia.use(\"topic\")") {
                try FileManager.default.copyItem(atPath: Repository.path("Plugins/lib/topic"), toPath: folder + "/Plugins/lib/topic")
            }
            let tested = try marginalia(["plugins", "test", name], in: folder, environment: ["MARGINALIA_HOME": home])
            XCTAssertEqual(tested.status, 0, "\(name): \(tested.stdout) \(tested.stderr)")
            XCTAssertTrue(tested.stdout.contains("\(name) ") && tested.stdout.contains("(Plugins/\(name)/\(name).lua)"), tested.stdout)
            XCTAssertTrue(tested.stdout.contains(" 0 failed"), tested.stdout)
        }
    }
}
