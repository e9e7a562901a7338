import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Collects log lines in memory and writes them to a file descriptor in batches: every `flushInterval`
/// from a background thread, at once when `flushThreshold` bytes are pending, and on `close()`.
///
/// A synchronous write per log line would cost a syscall per request; batching makes the access log cheap.
package final class LogOutputBuffer: Sendable {
    private let fd: Int32
    private let flushThreshold: Int
    private let pending = Mutex<[UInt8]>([])
    /// Held while writing, so that batches reach the descriptor in the order they were taken.
    private let writeLock = Mutex<Void>(())
    private let stopRequested = DispatchSemaphore(value: 0)
    private let flusherDone = DispatchSemaphore(value: 0)
    private let isClosed = Atomic<Bool>(false)

    /// A buffer writing to `fd` (standard error by default) and its flushing thread.
    package init(
        fd: Int32 = STDERR_FILENO, flushInterval: Duration = .milliseconds(100), flushThreshold: Int = 64 * 1024
    ) {
        self.fd = fd
        self.flushThreshold = flushThreshold
        startFlusher(interval: flushInterval)
    }

    /// Appends one formatted line (with its line feed); writes inline when the threshold is reached.
    package func append(_ line: [UInt8]) {
        let mustFlush = pending.withLock { pending in
            pending.append(contentsOf: line)
            return pending.count >= flushThreshold
        }
        if mustFlush { flush() }
    }

    /// Writes every pending line now.
    package func flush() {
        writeLock.withLock { _ in
            let batch = pending.withLock { pending in
                defer { pending.removeAll(keepingCapacity: true) }
                return pending
            }
            batch.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0, errno == EINTR { continue }
                    guard written > 0 else { return }
                    offset += written
                }
            }
        }
    }

    /// Flushes and stops the background thread (lines appended later are written at the next `flush()`).
    package func close() {
        guard !isClosed.exchange(true, ordering: .relaxed) else { return }
        stopRequested.signal()
        flusherDone.wait()
        flush()
    }

    private func startFlusher(interval: Duration) {
        let nanoseconds = interval.nanoseconds
        let thread = Thread { [self] in
            while stopRequested.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .timedOut {
                flush()
            }
            flusherDone.signal()
        }
        thread.name = "log-flusher"
        thread.start()
    }
}
