import Foundation
import MarginaliaBatch
import MarginaliaLua
import MarginaliaTestSupport
import XCTest

/// Dependency order, the search path and the manifest contract between plugins.
final class PluginSetTests: XCTestCase {
    let folder = TemporaryDirectory()

    func plugin(_ name: String, requires: [String] = [], labels: [String]? = nil, body: String = "") -> String {
        let requireList = requires.map { "\"\($0)\"" }.joined(separator: ", ")
        let labelList = (labels ?? ["\(name).out"]).map { "\"\($0)\"" }.joined(separator: ", ")
        return folder.write("\(name).lua", """
            return { name = "\(name)", version = "1", description = "d", labels = { \(labelList) },
              requires = { \(requireList) },
              annotate = function (doc, ctx)
                \(body)
              end }
            """)
    }

    func testPluginsRunAfterWhatTheyRequireAndSeeItsOutput() throws {
        let reader = plugin("reader", requires: ["writer"], body: """
            local seen = doc:annotations("writer.out")
            doc:label("reader.out", 1, { seen = #seen, from = seen[1].plugin })
            """)
        let writer = plugin("writer", body: "doc:annotate(1, 3, 'writer.out')")
        let set = try PluginSet(paths: [reader, writer])
        XCTAssertEqual(set.descriptors.map(\.name), ["writer", "reader"])
        let results = try set.makeHost().annotate(.init(id: "d", text: "abc def"))
        let readerOutput = try results[1].get()
        XCTAssertEqual(readerOutput.annotations.first?.features, ["seen": 1, "from": "writer"])
    }

    func testMissingDependencyAndCyclesAreErrorsBeforeAnyDocument() throws {
        let lonely = plugin("lonely", requires: ["ghost"])
        XCTAssertThrowsError(try PluginSet(paths: [lonely])) { error in
            XCTAssertTrue("\(error)".contains("plugin 'lonely' requires 'ghost', which is not among the plugins in use"), "\(error)")
        }
        let a = plugin("a", requires: ["b"]), b = plugin("b", requires: ["c"]), c = plugin("c", requires: ["a"])
        XCTAssertThrowsError(try PluginSet(paths: [a, b, c])) { error in
            XCTAssertTrue("\(error)".contains("cycle: a → b → c → a"), "\(error)")
        }
    }

    func testNamedPluginsBringWhatTheyRequireTransitivelyAndNothingElse() throws {
        let found = [plugin("aside"), plugin("top", requires: ["middle"]), plugin("middle", requires: ["bottom"]), plugin("bottom")]
            .map { PluginLocator.Found(name: (($0 as NSString).lastPathComponent as NSString).deletingPathExtension, path: $0) }
        XCTAssertEqual(try PluginSet(named: ["top"], among: found).descriptors.map(\.name), ["bottom", "middle", "top"])
        XCTAssertEqual(try PluginSet(named: ["middle", "aside"], among: found).descriptors.map(\.name), ["aside", "bottom", "middle"])
    }

    func testAMissingRequirementIsNamedInTheCallersWordsOrAsNotInUse() throws {
        let found = [PluginLocator.Found(name: "lonely", path: plugin("lonely", requires: ["ghost"]))]
        XCTAssertThrowsError(try PluginSet(named: ["lonely"], among: found)) { error in
            XCTAssertTrue("\(error)".hasSuffix("lonely.lua: plugin 'lonely' requires 'ghost', which is not among the plugins in use"), "\(error)")
        }
        XCTAssertThrowsError(try PluginSet(named: ["lonely"], among: found) { needing, required in
            PluginError(kind: .dependency, message: "\(needing.name) needs \(required): install it first")
        }) { error in
            XCTAssertEqual("\(error)", "lonely needs ghost: install it first")
        }
    }

    func testApplyingParamsChecksThemAndDoesNotLoadTheFilesAgain() throws {
        let path = folder.write("weighted.lua", """
            return { name = "weighted", version = "1", description = "d", labels = { "topic:w" }, params = { weight = 0.5 },
              annotate = function (doc, ctx) doc:label("topic:w", ctx.params.weight) end }
            """)
        let defaults = try PluginSet(paths: [path])
        let source = try String(contentsOfFile: path, encoding: .utf8)
        try FileManager.default.removeItem(atPath: path)
        let light = try defaults.applying(params: ["weighted": ["weight": 0.25]])
        XCTAssertEqual(light.descriptors[0].params["weight"], 0.25)
        XCTAssertEqual(light.params, ["weighted": ["weight": 0.25]])
        XCTAssertThrowsError(try defaults.applying(params: ["weighted": ["weight": "heavy"]])) { error in
            XCTAssertTrue("\(error)".contains("parameter 'weight' of plugin 'weighted' expects a number"), "\(error)")
        }
        XCTAssertThrowsError(try defaults.applying(params: ["other": ["weight": 1]])) { error in
            XCTAssertTrue("\(error)".contains("parameters given for 'other', which is not among the plugins in use"), "\(error)")
        }
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        let output = try light.makeHost().annotate(.init(id: "d", text: "x"))[0].get()
        XCTAssertEqual(output.annotations.map(\.score), [0.25])
    }

    func testEmittingAnUndeclaredLabelOrReadingAnUnrequiredOneNamesTheLabel() throws {
        let loud = plugin("loud", body: "doc:label('topic:other', 1)")
        let results = try PluginSet(paths: [loud]).makeHost().annotate(.init(id: "d", text: "x"))
        guard case .failure(let error) = results[0] else { return XCTFail("undeclared label accepted") }
        XCTAssertTrue(error.message.contains("label 'topic:other' is not declared in the 'labels' of plugin 'loud'"), error.message)
        XCTAssertTrue(error.message.contains("loud.lua:4:"), error.message)

        let writer = plugin("writer")
        let nosy = plugin("nosy", body: "doc:annotations('writer.out')")
        let nosyResults = try PluginSet(paths: [writer, nosy]).makeHost().annotate(.init(id: "d", text: "x"))
        guard case .failure(let nosyError) = nosyResults[1] else { return XCTFail("read without requires") }
        XCTAssertTrue(nosyError.message.contains("label 'writer.out' is not produced by any plugin that 'nosy' requires"), nosyError.message)
    }

    func testTheFirstPluginOfANameOnTheSearchPathWinsAndTheOtherIsNamed() throws {
        let first = folder.write("first/defense.lua", "return {}")
        let second = folder.write("second/defense.lua", "return {}")
        let located = PluginLocator(explicit: [(first as NSString).deletingLastPathComponent],
                                    environment: ["MARGINALIA_PLUGIN_PATH": (second as NSString).deletingLastPathComponent],
                                    currentDirectory: folder.path).locate()
        let defense = located.plugins.filter { $0.name == "defense" }
        XCTAssertEqual(defense.count, 1)
        XCTAssertTrue(defense[0].path.hasSuffix("first/defense.lua"), defense[0].path)
        let warning = located.warnings.first { $0.contains("second/defense.lua") }
        XCTAssertNotNil(warning, "\(located.warnings)")
        XCTAssertTrue(warning?.contains("first/defense.lua") == true, warning ?? "")
    }

    func testParamAssignmentsReadJSONOrText() throws {
        XCTAssertEqual(try ParamAssignment(parsing: "defense.min_hits=3").value, 3)
        XCTAssertEqual(try ParamAssignment(parsing: "a.b=0.5").value, 0.5)
        XCTAssertEqual(try ParamAssignment(parsing: "a.b=[\"x\"]").value, ["x"])
        XCTAssertEqual(try ParamAssignment(parsing: "a.b=hello world").value, "hello world")
        XCTAssertThrowsError(try ParamAssignment(parsing: "min_hits=3"))
    }
}
