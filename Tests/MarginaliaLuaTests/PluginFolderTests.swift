import Foundation
import Marginalia
import MarginaliaLua
import XCTest

/// Plugin folders (`NAME/NAME.lua` with its files) and libraries (`lib/NAME/NAME.lua`,
/// declared in `uses`, loaded with `marginalia.use`).
final class PluginFolderTests: XCTestCase {
    let root = NSTemporaryDirectory() + "marginalia-folders-" + UUID().uuidString

    override func tearDown() { try? FileManager.default.removeItem(atPath: root) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = root + "/" + name
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func plugin(_ name: String, uses: [String] = ["helper"], body: String = "local helper = marginalia.use('helper')") -> String {
        write("Plugins/\(name)/\(name).lua", """
            \(body)
            local TERMS = helper.terms and helper.terms("lexicons/words.txt") or {}
            return { name = "\(name)", version = "1", description = "d", labels = { "p.out" },
              uses = { \(uses.map { "\"\($0)\"" }.joined(separator: ", ")) },
              annotate = function (doc) doc:label("p.out", helper.score or #TERMS) end }
            """)
    }

    func host() throws -> PluginHost {
        let host = try PluginHost()
        host.libraryPath = [root + "/Plugins"]
        return host
    }

    func testALibraryIsFoundBesideThePluginFolderAndCountsInItsHashFileByFile() throws {
        write("Plugins/lib/helper/helper.lua", """
            local M = { score = 0.5 }
            -- called by the plugin: the path is the plugin's own term file
            function M.terms(file) return marginalia.load_terms(file) end
            return M
            """)
        write("Plugins/p/lexicons/words.txt", "alpha\nbeta\n")
        let path = plugin("p")
        let descriptor = try host().load(path: path)
        XCTAssertEqual(descriptor.uses, ["helper"])
        XCTAssertEqual(descriptor.libraryFolders["helper"], root + "/Plugins/lib/helper")
        XCTAssertEqual(descriptor.files.map(\.path), ["lexicons/words.txt", "lib/helper/helper.lua", "p.lua"])
        XCTAssertEqual(descriptor.files.first { $0.path == "lexicons/words.txt" }?.sha256,
                       ContentHash.sha256Hex(Array("alpha\nbeta\n".utf8)))

        write("Plugins/lib/helper/helper.lua", "return { score = 0.25, terms = function (f) return marginalia.load_terms(f) end }\n")
        let edited = try host().load(path: path)
        XCTAssertNotEqual(edited.identity.sha256, descriptor.identity.sha256, "editing the library changes the plugin's SHA-256")
        XCTAssertNotEqual(edited.files.first { $0.path == "lib/helper/helper.lua" }?.sha256,
                          descriptor.files.first { $0.path == "lib/helper/helper.lua" }?.sha256)
        XCTAssertEqual(edited.files.first { $0.path == "p.lua" }, descriptor.files.first { $0.path == "p.lua" })
    }

    func testALibraryInsideThePluginFolderComesFirstAndItsOwnIncludesStayInIt() throws {
        write("Plugins/lib/helper/helper.lua", "return { score = 0.1 }\n")
        write("Plugins/p/lib/helper/helper.lua", "local part = marginalia.include('part.lua')\nreturn { score = part.score }\n")
        write("Plugins/p/lib/helper/part.lua", "return { score = 0.75 }\n")
        let host = try host()
        let descriptor = try host.load(path: plugin("p"))
        XCTAssertEqual(descriptor.libraryFolders["helper"], root + "/Plugins/p/lib/helper")
        XCTAssertEqual(descriptor.dataFiles, ["lib/helper/helper.lua", "lib/helper/part.lua"])
        XCTAssertEqual(try host.annotate(Document(id: "d", text: "x"))[0].get().annotations.first?.score, 0.75)
    }

    func testUsesMustMatchWhatThePluginLoadsAndAMissingLibraryIsNamed() throws {
        write("Plugins/lib/helper/helper.lua", "return { score = 1 }\n")
        XCTAssertThrowsError(try host().load(path: plugin("undeclared", uses: []))) { error in
            XCTAssertTrue("\(error)".contains("does not declare it: add uses = { \"helper\" }"), "\(error)")
        }
        XCTAssertThrowsError(try host().load(path: plugin("unused", body: "local helper = {}"))) { error in
            XCTAssertTrue("\(error)".contains("never calls marginalia.use(\"helper\")"), "\(error)")
        }
        XCTAssertThrowsError(try host().load(path: plugin("missing", uses: ["nothere"], body: "local helper = marginalia.use('nothere')"))) { error in
            XCTAssertTrue("\(error)".contains("no library 'nothere'"), "\(error)")
            XCTAssertTrue("\(error)".contains("Plugins/missing/lib/nothere/nothere.lua"), "names where it looked: \(error)")
        }
    }

    func testTheLocatorFindsFolderPluginsAndFilesButNotLibraries() throws {
        write("Plugins/a/a.lua", "return {}")
        write("Plugins/b.lua", "return {}")
        write("Plugins/notes/readme.lua", "return {}")      // a folder without notes.lua is not a plugin
        write("Plugins/lib/helper/helper.lua", "return {}")
        XCTAssertEqual(PluginLocator.plugins(inDirectory: root + "/Plugins"), [root + "/Plugins/a/a.lua", root + "/Plugins/b.lua"])
        let located = PluginLocator(explicit: [root + "/Plugins/a"], environment: ["MARGINALIA_HOME": root + "/none"]).locate()
        XCTAssertEqual(located.plugins.first?.name, "a")
        XCTAssertTrue(located.plugins.first?.path.hasSuffix("Plugins/a/a.lua") == true)
    }
}
