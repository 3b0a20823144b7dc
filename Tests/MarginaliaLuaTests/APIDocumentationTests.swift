import Foundation
@testable import MarginaliaLua
import XCTest

/// docs/lua-api.md must describe exactly what the sandbox offers: every `### `name`` heading
/// names a manifest field or a live API entry, and the "Standard library" list names exactly
/// the globals plugins see.
final class APIDocumentationTests: XCTestCase {
    struct Reference {
        var manifestFields: Set<String> = []
        var apiEntries: Set<String> = []
        var globals: Set<String> = []
    }

    static func readReference() throws -> Reference {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
        let text = try String(contentsOf: url.appendingPathComponent("docs/lua-api.md"), encoding: .utf8)
        var reference = Reference()
        var section = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { section = String(line.dropFirst(3)); continue }
            if line.hasPrefix("### `") {
                let name = String(line.dropFirst(5).prefix { $0 != "`" && $0 != "(" })
                if section == "The plugin table" { reference.manifestFields.insert(name) } else { reference.apiEntries.insert(name) }
            } else if section == "Standard library", line.hasPrefix("- ") {
                let names = line.dropFirst(2).components(separatedBy: " — ")[0]
                for span in names.split(separator: ",") {
                    let word = span.trimmingCharacters(in: .whitespaces).components(separatedBy: " ")[0]
                    reference.globals.insert(word.trimmingCharacters(in: CharacterSet(charactersIn: "`")))
                }
            }
        }
        return reference
    }

    func testEveryAPIEntryIsDocumentedAndEveryDocumentedEntryExists() throws {
        let reference = try Self.readReference()
        let surface = try PluginHost().apiSurface()
        let live = Set(surface.filter { !$0.hasPrefix("global ") })
        XCTAssertGreaterThan(live.count, 10, "the surface was read: \(surface)")
        XCTAssertEqual(live.subtracting(reference.apiEntries).sorted(), [], "offered by the sandbox but not described in docs/lua-api.md")
        XCTAssertEqual(reference.apiEntries.subtracting(live).sorted(), [], "described in docs/lua-api.md but not offered by the sandbox")
    }

    func testStandardLibraryListMatchesTheSandboxGlobals() throws {
        let reference = try Self.readReference()
        let live = Set(try PluginHost().apiSurface().filter { $0.hasPrefix("global ") }.map { String($0.dropFirst(7)) })
        XCTAssertTrue(live.contains("pairs") && !live.contains("io"), "\(live)")
        XCTAssertEqual(live.subtracting(reference.globals).sorted(), [], "globals not listed under 'Standard library'")
        XCTAssertEqual(reference.globals.subtracting(live).sorted(), [], "listed under 'Standard library' but absent")
    }

    /// types/marginalia.lua (editor annotations) declares every live API entry and manifest field.
    func testEditorTypesCoverTheAPI() throws {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
        let types = try String(contentsOf: url.appendingPathComponent("types/marginalia.lua"), encoding: .utf8)
        for entry in try PluginHost().apiSurface() where !entry.hasPrefix("global ") {
            let member = String(entry.drop { $0 != "." && $0 != ":" }.dropFirst())
            let declaration: [String]
            switch entry.prefix(while: { $0 != "." && $0 != ":" }) {
            case "doc": declaration = entry.contains(":") ? ["function Document:\(member)("] : ["---@field \(member) "]
            case "ctx": declaration = ["---@field \(member) ", "function Context.\(member)("]
            case "lexicon": declaration = ["function Lexicon:\(member)("]
            default: declaration = ["marginalia.\(member)"]
            }
            XCTAssertTrue(declaration.contains { types.contains($0) }, "types/marginalia.lua lacks \(entry)")
        }
        for field in PluginManifest.fields {
            XCTAssertTrue(types.contains("---@field \(field)"), "types/marginalia.lua lacks the manifest field \(field)")
        }
    }

    func testManifestFieldsMatchTheValidator() throws {
        let reference = try Self.readReference()
        XCTAssertEqual(reference.manifestFields, PluginManifest.fields)
    }
}
