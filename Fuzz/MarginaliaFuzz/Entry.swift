import Foundation
import MarginaliaTestSupport

/// The libFuzzer entry point of `marginalia-fuzz`: one binary for every harness of
/// ``FuzzHarness`` (in MarginaliaTestSupport, so that the regression tests replay the same
/// code), chosen by `MARGINALIA_FUZZ_TARGET`. `scripts/fuzz.sh` builds and runs each.
///
/// ```sh
/// MARGINALIA_FUZZ_TARGET=json .build-fuzz/debug/marginalia-fuzz -max_total_time=60 Fuzz/seeds/json
/// ```
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    FuzzHarness.selected.run(bytes)
    return 0
}

/// libFuzzer's driver, which its own `main` would call.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry point as `<target>_main`: this one hands the
/// command line to libFuzzer's driver.
@_cdecl("marginalia_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { start, count in fuzzOneInput(start, count) }
}
