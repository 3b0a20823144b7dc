import Foundation
@testable import MarginaliaLua
import XCTest

/// `HostAPI.functions` is the one declaration of every host function: the sandbox offers
/// exactly its entries, and the reference, the editor types and the luacheck configuration
/// describe each one. A forgotten place fails here, naming the entry.
final class HostAPITableTests: XCTestCase {
    static func repositoryFile(_ path: String) throws -> String {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
        return try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    func testTheSandboxOffersExactlyTheTablesFunctions() throws {
        let surface = Set(try PluginHost().apiSurface())
        XCTAssertGreaterThan(HostAPI.functions.count, 10)
        for function in HostAPI.functions {
            let name = function.scope == .global ? "global \(function.name)" : function.qualifiedName
            XCTAssertTrue(surface.contains(name), "\(function.qualifiedName) is in HostAPI but the sandbox does not offer it")
        }
        // Methods and marginalia functions come from the table alone (marginalia.version is a value).
        let declared = Set(HostAPI.functions.map(\.qualifiedName))
        let methods = surface.filter { $0.hasPrefix("doc:") || $0.hasPrefix("lexicon:") || ($0.hasPrefix("marginalia.") && $0 != "marginalia.version") }
        XCTAssertEqual(methods.subtracting(declared).sorted(), [], "offered by the sandbox but not declared in HostAPI")
    }

    func testTheReferenceHasAHeadingWithTheArgumentsOfEveryFunction() throws {
        let reference = try Self.repositoryFile("docs/lua-api.md")
        let headings = Set(reference.split(separator: "\n").filter { $0.hasPrefix("### `") }.map(String.init))
        let standardLibrary = reference.components(separatedBy: "## Standard library").last ?? ""
        for function in HostAPI.functions {
            if function.scope == .global {
                XCTAssertTrue(standardLibrary.contains("`\(function.name)`"), "docs/lua-api.md: 'Standard library' does not list \(function.name)")
            } else {
                let heading = "### `\(function.qualifiedName)(\(function.arguments))`"
                XCTAssertTrue(headings.contains(heading), "docs/lua-api.md lacks the heading \(heading)")
            }
        }
    }

    func testEditorTypesDeclareEveryFunctionWithItsSummary() throws {
        let lines = try Self.repositoryFile("types/marginalia.lua").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for function in HostAPI.functions where function.scope != .global {
            let owner = ["doc": "Document:", "ctx": "Context.", "lexicon": "Lexicon:", "marginalia": "marginalia."][function.scope.rawValue]!
            // `[, score [, features]]` is written `score, features` in Lua.
            let parameters = function.arguments.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "]", with: "")
                .replacingOccurrences(of: " ,", with: ",")
            let declaration = "function \(owner)\(function.name)(\(parameters)) end"
            guard let line = lines.firstIndex(of: declaration) else {
                XCTFail("types/marginalia.lua lacks `\(declaration)` for \(function.qualifiedName)")
                continue
            }
            let comment = lines[..<line].reversed().prefix { $0.hasPrefix("---") }.reversed()
            XCTAssertEqual(comment.first, "---\(function.summary)", "types/marginalia.lua: the comment of \(function.qualifiedName) does not start with its HostAPI summary")
        }
    }

    func testLuacheckConfigurationKnowsEveryGlobalFunction() throws {
        let config = try Self.repositoryFile(".luacheckrc")
        let marginaliaFields = config.components(separatedBy: "marginalia = {").last ?? ""   // the API table, after stds.marginalia
        for function in HostAPI.functions {
            switch function.scope {
            case .marginalia:
                XCTAssertTrue(marginaliaFields.contains("\"\(function.name)\""), ".luacheckrc: marginalia.fields lacks \"\(function.name)\"")
            case .global:
                // Listed, or deliberately left out with a comment saying so (print).
                XCTAssertTrue(config.contains("\"\(function.name)\"") || config.contains("-- \(function.name) is left out on purpose"),
                              ".luacheckrc neither lists the global \(function.name) nor says why it is left out")
            case .doc, .ctx, .lexicon:
                break   // reached through annotate's parameters and lexicon values, not globals
            }
        }
    }

    /// Only `Bridge/` calls the C API; every other room goes through `LuaState`.
    func testOnlyTheBridgeCallsTheCAPI() throws {
        var root = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) { root.deleteLastPathComponent() }
        let module = root.appendingPathComponent("Sources/MarginaliaLua")
        let files = FileManager.default.enumerator(atPath: module.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThan(files.count, 20)
        let pattern = try NSRegularExpression(pattern: #"\b(lua_|luaL_|mg_|LUA_)\w*|import CLua"#)
        var offenders: [String] = []
        for file in files where !file.hasPrefix("Bridge/") {
            let text = try String(contentsOf: module.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                let line = String(line)
                if pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil { offenders.append("\(file):\(number + 1): \(line)") }
            }
        }
        XCTAssertEqual(offenders, [], "C API calls outside Sources/MarginaliaLua/Bridge")
    }
}
