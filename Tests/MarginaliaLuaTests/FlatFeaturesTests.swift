import Marginalia
@testable import MarginaliaLua
import XCTest

/// The one-pass conversion of flat features tables (`LuaState.flatObject`) gives what the
/// general conversion (`LuaState.json`) gives, and leaves every other table to it.
final class FlatFeaturesTests: XCTestCase {
    private func convert(_ table: String) throws -> (flat: [String: JSONValue]?, general: Result<JSONValue, LuaDataError>) {
        let lua = try LuaState(memoryLimit: 0)
        XCTAssertEqual(lua.load(text: "return \(table)", chunkName: "=t"), .loaded, table)
        XCTAssertTrue(lua.call(arguments: 0, results: 1), table)
        let top = lua.top
        let flat = lua.flatObject(at: -1)
        XCTAssertEqual(lua.top, top, "the stack is left as it was: \(table)")
        return (flat, lua.json(at: -1))
    }

    func testFlatTablesConvertAsTheGeneralConversionDoes() throws {
        for table in ["{ n = 1 }", "{ n = 2.0 }", "{ n = -0.5, big = 2^53, small = -2^63 }", "{ term = 'air defense' }",
                      "{ code = 'VN', kind = 'country', name = 'Việt Nam' }", "{ yes = true, no = false }", "{}",
                      "{ ['1'] = 'a string key', [''] = 'empty' }", "{ a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, i = 9 }",
                      "{ bytes = '\\xff\\xfe' }"] {
            let (flat, general) = try convert(table)
            guard let flat else { XCTFail("not flat: \(table)"); continue }
            guard case .success(let value) = general else { XCTFail("refused: \(table)"); continue }
            let expected: JSONValue = value.arrayValue?.isEmpty == true ? .object([:]) : value
            XCTAssertEqual(.object(flat), expected, table)
        }
    }

    func testEveryOtherTableIsLeftToTheGeneralConversion() throws {
        for table in ["{ 1, 2 }", "{ t = {} }", "{ n = 0/0 }", "{ n = 1/0 }", "{ [1.5] = 1 }", "{ a = 1, [1] = 2 }",
                      "{ f = print }", "{ ['é'] = 1, ['e\\u{301}'] = 2 }", "{ [true] = 1 }"] {
            let (flat, _) = try convert(table)
            XCTAssertNil(flat, table)
        }
    }
}
