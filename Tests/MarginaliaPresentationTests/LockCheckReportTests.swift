import MarginaliaBatch
import MarginaliaPresentation
import XCTest

/// What `annotate --locked` prints when the plugins differ from the lock: each problem, then
/// the commands that help, naming a lock file other than the default.
final class LockCheckReportTests: XCTestCase {
    func testProblemsThenTheCommandsThatAcceptOrRestore() {
        let check = LockCheck(problems: ["plugin 'ports' (Plugins/ports/ports.lua): changed since it was locked\n  lexicons/ports.txt changed",
                                         "plugin 'extra' (extra.lua) is not in the lock"],
                              changed: ["ports"], unlocked: ["extra"], restorable: ["ports"])
        XCTAssertEqual(check.report(lockPath: "team.lock").split(separator: "\n"), [
            "the plugins differ from team.lock:",
            "  plugin 'ports' (Plugins/ports/ports.lua): changed since it was locked",
            "    lexicons/ports.txt changed",
            "  plugin 'extra' (extra.lua) is not in the lock",
            "To accept the plugins as they are now: marginalia plugins lock --only extra,ports --lock team.lock",
            "To go back to the locked files: marginalia plugins sync --force --lock team.lock",
        ])
    }

    func testAChangedPluginWithoutASourceIsRestoredFromVersionControl() {
        let check = LockCheck(problems: ["plugin 'defense' (defense.lua): version 1 is locked, this is version 2"], changed: ["defense"])
        XCTAssertEqual(check.report(lockPath: PluginLock.defaultName).split(separator: "\n").suffix(2), [
            "To accept the plugins as they are now: marginalia plugins lock --only defense",
            "To go back to the locked files, restore them from your version control (the lock records no source for defense).",
        ])
    }
}
