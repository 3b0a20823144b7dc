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

    func testManifestFieldsMatchTheValidator() throws {
        let reference = try Self.readReference()
        XCTAssertEqual(reference.manifestFields, PluginHost.manifestFields)
    }
}
