#if canImport(Glibc)
import Glibc
#endif

/// `CLOCK_MONOTONIC` readings for durations (a vDSO call, no allocation).
enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point.
    static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
