import Marginalia
import XCTest

/// Cohen's kappa against values worked out by hand.
final class CohenKappaTests: XCTestCase {
    func testKappaOfAWorkedExample() throws {
        // pₒ = 35/50 = 0.7; yes-rates 0.5 and 0.6, so pₑ = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5.
        let kappa = CohenKappa(bothYes: 20, onlyFirst: 5, onlySecond: 10, bothNo: 15)
        XCTAssertEqual(try XCTUnwrap(kappa.value), 0.4, accuracy: 1e-12)
        XCTAssertEqual(kappa.items, 50)
    }

    func testPerfectAgreementIsOneAndSystematicDisagreementIsMinusOne() throws {
        XCTAssertEqual(try XCTUnwrap(CohenKappa(bothYes: 3, onlyFirst: 0, onlySecond: 0, bothNo: 7).value), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(CohenKappa(bothYes: 0, onlyFirst: 4, onlySecond: 4, bothNo: 0).value), -1, accuracy: 1e-12)
    }

    func testUndefinedWithoutItemsOrWhenChanceAgreementIsCertain() {
        XCTAssertNil(CohenKappa(bothYes: 0, onlyFirst: 0, onlySecond: 0, bothNo: 0).value)
        XCTAssertNil(CohenKappa(bothYes: 5, onlyFirst: 0, onlySecond: 0, bothNo: 0).value, "both always say yes")
    }
}
