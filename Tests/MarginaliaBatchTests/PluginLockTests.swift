import Foundation
import MarginaliaBatch
import MarginaliaLua
import MarginaliaTestSupport
import XCTest

/// The lock file's text: written, read back, and read in its earlier tab-separated form.
final class PluginLockTests: XCTestCase {
    let sha = String(repeating: "a", count: 64), other = String(repeating: "b", count: 64)

    func testTheLockReadsBackWhatItWrites() throws {
        let lock = PluginLock(entries: [
            .init(name: "ports", version: "1.1.0", sha256: sha, path: "Plugins/ports/ports.lua",
                  source: PluginSource(kind: .git, location: "file:///srv/ports.git", ref: "v1.1.0"),
                  commit: String(repeating: "c", count: 40), uses: ["topic"],
                  files: ["ports.lua": other, "lexicons/ports \"quoted\".txt": sha, "lib/topic/topic.lua": other]),
            .init(name: "defense", version: "2.1.1", sha256: other, path: "/opt/marginalia/Plugins/defense/defense.lua"),
        ])
        let directory = TemporaryDirectory()
        let path = directory.write("marginalia.lock", lock.render())
        XCTAssertEqual(try PluginLock.load(path: path), lock)
        XCTAssertEqual(lock.entries.map(\.name), ["defense", "ports"], "sorted by name")
    }

    func testAnOldTabSeparatedLockStillReads() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("old.lock", "# marginalia.lock\n# name\tversion\tsha256\tpath\ndefense\t2.1.0\t\(sha)\tPlugins/defense.lua\n")
        let lock = try PluginLock.load(path: path)
        XCTAssertEqual(lock.entries, [.init(name: "defense", version: "2.1.0", sha256: sha, path: "Plugins/defense.lua")])
        let broken = directory.write("broken.lock", "lock_version = 2\n[[plugin]]\nname = \"x\"\n")
        XCTAssertThrowsError(try PluginLock.load(path: broken)) { error in
            XCTAssertTrue("\(error)".contains("broken.lock: [[plugin]] #1 needs name, version, sha256"), "\(error)")
        }
    }

    func testFileDifferencesNameChangedAddedAndDroppedFiles() {
        let lines = PluginLock.fileDifferences(
            locked: ["a.lua": sha, "lexicons/x.txt": sha, "lexicons/gone.txt": sha],
            now: [PluginFile(path: "a.lua", sha256: sha), PluginFile(path: "lexicons/x.txt", sha256: other),
                  PluginFile(path: "lexicons/new.txt", sha256: other)])
        XCTAssertEqual(lines, [
            "lexicons/gone.txt: locked aaaaaaaaaaaa…, no longer read by the plugin",
            "lexicons/new.txt: not in the lock, now bbbbbbbbbbbb…",
            "lexicons/x.txt: locked aaaaaaaaaaaa…, now bbbbbbbbbbbb…",
        ])
    }
}
