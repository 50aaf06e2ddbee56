// The libFuzzer target. libFuzzer brings its own `main`, so the real target exists
// only when `make fuzz` compiles with `-DFUZZING -sanitize=fuzzer`; an ordinary
// `swift build` or `swift test` gets the stub below. (One file not named main.swift:
// SwiftPM compiles it as a library, so neither branch has top-level code.)
// Entry points: libFuzzer calls LLVMFuzzerTestOneInput for every input.
#if FUZZING
import BriefingKit
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func briefingFuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    FuzzEntry.run(Data(bytes: bytes, count: count))
    return 0
}

/// libFuzzer's driver, which its own `main` would call.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links an executable with `main` defined as `<Target>_main`, which takes the
/// place of libFuzzer's `main`; this one hands over to libFuzzer's driver.
@_cdecl("BriefingFuzz_main")
public func briefingFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, briefingFuzzOneInput)
}
#else
@main
enum BriefingFuzzStub {
    static func main() {
        print("BriefingFuzz is a libFuzzer target: run it with `make fuzz` (see docs/hardening.md).")
    }
}
#endif
