import Foundation
@testable import Marginalia
import XCTest

/// Run timestamps: the same text as Foundation's `ISO8601DateFormatter` (which stores made
/// before `UTCTimestamp` hold), and read back to the second, offsets included.
final class UTCTimestampTests: XCTestCase {
    func testItWritesWhatISO8601DateFormatterWrites() {
        let formatter = ISO8601DateFormatter()
        // Epoch, leap days, the ends of years and months, the 32-bit rollover, far ahead.
        let instants = [0, 59, 951_782_400, 951_868_799, 1_704_067_199, 1_796_641_509, 2_147_483_648, 4_102_444_800]
        for seconds in instants {
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            XCTAssertEqual(UTCTimestamp.string(fromEpochSeconds: seconds), expected)
            XCTAssertEqual(UTCTimestamp.epochSeconds(of: expected), seconds)
        }
    }

    func testEarlyYearsAreWrittenWithFourDigits() {
        // The C library's proleptic Gregorian calendar (Foundation's switches to Julian before 1582).
        XCTAssertEqual(UTCTimestamp.string(fromEpochSeconds: -62_135_596_800), "0001-01-01T00:00:00Z")
        XCTAssertEqual(UTCTimestamp.epochSeconds(of: "0001-01-01T00:00:00Z"), -62_135_596_800)
    }

    func testNowIsTheFormattersNowToTheSecond() throws {
        let before = Int(Date().timeIntervalSince1970)
        let now = try XCTUnwrap(UTCTimestamp.epochSeconds(of: UTCTimestamp.now()))
        let after = Int(Date().timeIntervalSince1970)
        XCTAssert((before...after).contains(now), "\(before) ≤ \(now) ≤ \(after)")
    }

    func testOffsetsAreReadAsTheFormatterReadsThem() {
        let formatter = ISO8601DateFormatter()
        for text in ["1970-01-01T01:00:00+01:00", "2026-12-03T08:05:09-05:00", "2026-12-03T18:35:09+05:30"] {
            XCTAssertEqual(UTCTimestamp.epochSeconds(of: text), formatter.date(from: text).map { Int($0.timeIntervalSince1970) }, text)
        }
    }

    func testWhatIsNotATimestampIsNil() {
        for text in ["", "2026-12-03", "2026-12-03 13:05:09Z", "2026-13-03T13:05:09Z", "2026-12-03T25:05:09Z",
                     "2026-12-03T13:05:09", "2026-12-03T13:05:09+0100", "２０２６-12-03T13:05:09Z", "2026-12-03T13:05:09.5Z"] {
            XCTAssertNil(UTCTimestamp.epochSeconds(of: text), text)
        }
    }
}
