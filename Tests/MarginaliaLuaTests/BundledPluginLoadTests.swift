import Foundation
import MarginaliaLua
import XCTest

/// Every bundled plugin loads into a fresh sandbox with a valid manifest.
/// (Also keeps this test target non-empty on a fresh checkout, so the package builds.)
final class BundledPluginLoadTests: XCTestCase {
    func testEveryBundledPluginLoads() throws {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        let folder = url.appendingPathComponent("Plugins").path
        let files = PluginLocator.plugins(inDirectory: folder)
        XCTAssertFalse(files.isEmpty)
        for path in files {
            let host = try PluginHost()
            host.onLog = { _, _ in }
            // A plugin that requires another loads on its own too: requires only orders runs.
            let descriptor = try host.load(path: path)
            let file = (path as NSString).lastPathComponent
            XCTAssertEqual("\(descriptor.name)/\(descriptor.name).lua", (path as NSString).deletingLastPathComponent.split(separator: "/").last! + "/" + file)
            XCTAssertFalse(descriptor.examples.isEmpty, "\(file) has no examples")
        }
    }
}
