import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// The tar and gzip writers behind `plugins pack`: what the system tar reads back, with
/// fixed metadata, whatever order files are added in.
final class ReproducibleArchiveTests: XCTestCase {
    func testSystemTarReadsBackEveryFileIncludingLongPaths() throws {
        let long = String(repeating: "deep/", count: 25) + "term file with spaces é.txt"   // over 100 bytes
        XCTAssertGreaterThan(long.utf8.count, 100)
        var tar = TarWriter()
        tar.add(path: "ports/ports.lua", contents: Array("return {}\n".utf8))
        tar.add(path: "ports/" + long, contents: Array("wharf\n".utf8))
        tar.add(path: "ports/empty.txt", contents: [])
        let directory = TemporaryDirectory()
        let archive = directory.file("a.tar.gz")
        try Data(GzipCompressor.compress(tar.finish())).write(to: URL(fileURLWithPath: archive))
        try FileManager.default.createDirectory(atPath: directory.file("out"), withIntermediateDirectories: true)
        let unpacked = try ChildProcess.run(program: ChildProcess.which("tar")!, ["-xzf", archive, "-C", directory.file("out")])
        XCTAssertEqual(unpacked.status, 0, unpacked.stderr)
        XCTAssertEqual(try String(contentsOfFile: directory.file("out/ports/" + long), encoding: .utf8), "wharf\n")
        XCTAssertEqual(try String(contentsOfFile: directory.file("out/ports/ports.lua"), encoding: .utf8), "return {}\n")
        XCTAssertEqual(FileManager.default.contents(atPath: directory.file("out/ports/empty.txt")), Data())
        let gunzipped = try ChildProcess.run(program: ChildProcess.which("gzip")!, ["-t", archive])
        XCTAssertEqual(gunzipped.status, 0, "gzip checks the CRC and size: \(gunzipped.stderr)")
    }

    func testTheBytesDependOnlyOnPathsAndContents() throws {
        var one = TarWriter(), other = TarWriter()
        one.add(path: "b/x.txt", contents: [1, 2, 3])
        one.add(path: "a.lua", contents: [4])
        other.add(path: "a.lua", contents: [4])
        other.add(path: "b/x.txt", contents: [1, 2, 3])
        XCTAssertEqual(one.finish(), other.finish())
        XCTAssertEqual(try GzipCompressor.compress(one.finish()), try GzipCompressor.compress(other.finish()))
        let header = Array(try GzipCompressor.compress([]).prefix(10))
        XCTAssertEqual(header, [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2, 255], "no time, no name, no operating system")
    }
}
