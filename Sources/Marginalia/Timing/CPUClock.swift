#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time (user + system) spent so far, read from the kernel: by the calling thread alone,
/// or by the whole process. Used by `annotate --timings` to charge each stage of a batch
/// with the CPU it used, whatever the other threads or processes on the machine do.
///
/// ```swift
/// let before = CPUClock.threadSeconds()
/// doWork()
/// print("work took \(CPUClock.threadSeconds() - before) CPU-s on this thread")
/// ```
public enum CPUClock {
    #if canImport(Glibc)
    private static let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    private static let RUSAGE_SELF_WHO = RUSAGE_SELF
    #endif

    /// CPU seconds the calling thread has used since it started.
    public static func threadSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// CPU seconds (user + system) the whole process has used since it started.
    public static func processSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF_WHO, &usage)
        func seconds(_ value: timeval) -> Double { Double(value.tv_sec) + Double(value.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
