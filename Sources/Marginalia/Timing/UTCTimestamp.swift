#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The timestamps of runs (`runs.started_at`, `finished_at`): ISO 8601 in UTC to the second,
/// `2026-12-03T13:05:09Z`, the text `ISO8601DateFormatter` makes by default, written and read
/// with the C library's calendar functions. Foundation's formatter loads ICU's calendar
/// data at its first use, about 2 ms of every `annotate` process's start-up.
///
/// ```swift
/// let started = UTCTimestamp.now()                                    // "2026-12-03T13:05:09Z"
/// UTCTimestamp.string(fromEpochSeconds: 0)                            // "1970-01-01T00:00:00Z"
/// UTCTimestamp.epochSeconds(of: "1970-01-01T01:00:00+01:00")          // 0
/// ```
public enum UTCTimestamp {
    /// The current time, to the second (the fraction dropped).
    public static func now() -> String { string(fromEpochSeconds: Int(time(nil))) }

    /// `seconds` after 1970-01-01T00:00:00Z as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func string(fromEpochSeconds seconds: Int) -> String {
        var clock = time_t(seconds)
        var fields = tm()
        gmtime_r(&clock, &fields)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(fields.tm_year + 1900, 4))-\(padded(fields.tm_mon + 1, 2))-\(padded(fields.tm_mday, 2))"
            + "T\(padded(fields.tm_hour, 2)):\(padded(fields.tm_min, 2)):\(padded(fields.tm_sec, 2))Z"
    }

    /// The seconds since 1970-01-01T00:00:00Z of `YYYY-MM-DDTHH:MM:SS` followed by `Z` or an
    /// offset `±HH:MM`, or nil when `text` is not of that form.
    public static func epochSeconds(of text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 || bytes.count == 25 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for byte in bytes[from..<(from + count)] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func byte(_ index: Int, is character: Unicode.Scalar) -> Bool { bytes[index] == UInt8(ascii: character) }
        guard byte(4, is: "-"), byte(7, is: "-"), byte(10, is: "T"), byte(13, is: ":"), byte(16, is: ":"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var offset = 0
        if bytes.count == 20 {
            guard byte(19, is: "Z") else { return nil }
        } else {
            guard byte(19, is: "+") || byte(19, is: "-"), byte(22, is: ":"),
                  let hours = number(20, 2), let minutes = number(23, 2), hours < 24, minutes < 60 else { return nil }
            offset = (hours * 60 + minutes) * 60 * (byte(19, is: "-") ? -1 : 1)
        }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour)
        fields.tm_min = Int32(minute)
        fields.tm_sec = Int32(second)
        return Int(timegm(&fields)) - offset
    }
}
