import Foundation
import Marginalia
import MarginaliaLua
import XCTest

/// `marginalia.include`: shared helper files for plugins, inside the sandbox's rules.
final class IncludeTests: XCTestCase {
    let folder = NSTemporaryDirectory() + "marginalia-include-" + UUID().uuidString

    override func setUpWithError() throws {
        try FileManager.default.createDirectory(atPath: folder + "/lib", withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func plugin(including file: String, body: String = "doc:label('p.out', helper.score)") -> String {
        write("p.lua", """
            local helper = marginalia.include("\(file)")
            return { name = "p", version = "1", description = "d", labels = { "p.out" },
              annotate = function (doc) \(body) end }
            """)
    }

    func testIncludedFileReturnsItsTableAndCountsInTheHash() throws {
        write("lib/helper.lua", "local M = {}\nM.score = 0.25\nreturn M\n")
        let path = plugin(including: "lib/helper.lua")
        let host = try PluginHost()
        let first = try host.load(path: path)
        XCTAssertEqual(first.dataFiles, ["lib/helper.lua"])
        let output = try host.annotate(Document(id: "d", text: "x"))[0].get()
        XCTAssertEqual(output.annotations.first?.score, 0.25)

        write("lib/helper.lua", "local M = {}\nM.score = 0.5\nreturn M\n")
        let second = try PluginHost().load(path: path)
        XCTAssertNotEqual(first.identity.sha256, second.identity.sha256, "editing an included file changes the plugin's identity")
    }

    func testErrorsNameTheIncludedFileAndLineAndCyclesAreCaught() throws {
        write("lib/broken.lua", "local M = {}\nM.x = = 1\nreturn M\n")
        XCTAssertThrowsError(try PluginHost().load(path: plugin(including: "lib/broken.lua"))) { error in
            XCTAssertTrue("\(error)".contains("lib/broken.lua:2:"), "\(error)")
        }
        write("lib/global.lua", "leak = 1\nreturn {}\n")
        XCTAssertThrowsError(try PluginHost().load(path: plugin(including: "lib/global.lua"))) { error in
            XCTAssertTrue("\(error)".contains("undeclared global 'leak'"), "\(error)")
        }
        write("lib/a.lua", "return marginalia.include('lib/a.lua')\n")
        XCTAssertThrowsError(try PluginHost().load(path: plugin(including: "lib/a.lua"))) { error in
            XCTAssertTrue("\(error)".contains("includes itself"), "\(error)")
        }
        XCTAssertThrowsError(try PluginHost().load(path: plugin(including: "../outside.lua"))) { error in
            XCTAssertTrue("\(error)".contains("must stay inside the plugin's folder"), "\(error)")
        }
    }

    func testIncludeOnlyWhileLoading() throws {
        write("lib/helper.lua", "return { score = 1 }\n")
        let path = plugin(including: "lib/helper.lua", body: "marginalia.include('lib/helper.lua')")
        let host = try PluginHost()
        try host.load(path: path)
        guard case .failure(let error) = host.annotate(Document(id: "d", text: "x"))[0] else { return XCTFail("include at run time") }
        XCTAssertTrue(error.message.contains("only be called while the plugin file loads"), error.message)
    }
}
