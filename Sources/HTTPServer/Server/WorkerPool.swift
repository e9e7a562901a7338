import Foundation

#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The threads that answer requests whose handlers may block (a write waiting for its sync, an outbound fetch),
/// so that no event loop ever waits.
///
/// Threads start on demand, up to `maxThreads`, and stop with `stop()`. Handing a job to a sleeping thread costs
/// a futex wake, which on these virtual machines takes tens of microseconds: as much as a whole write's work. So
/// a thread that finishes a job and finds none queued first spins once for `spinDuration` (one thread at a time),
/// and a lone writer's next request is picked up at once; then it sleeps, and an idle server uses no CPU.
///
/// `@unchecked Sendable`: the mutable state is guarded by `condition`; `queued` mirrors the number of queued jobs
/// for the spinning thread, which reads it without the lock.
final class WorkerPool: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    private let maxThreads: Int
    private let spinNanoseconds: UInt64
    private let condition = NSCondition()
    /// Queued jobs from `next` on; the taken ones before it are nil, so that what they hold goes at once.
    private var jobs: [Job?] = []
    private var next = 0
    private var threads = 0
    private var sleeping = 0
    private var spinnerActive = false
    private var stopped = false
    private let queued = Atomic<Int>(0)

    /// A pool of at most `maxThreads` threads whose idle thread spins for `spinDuration` before sleeping.
    init(maxThreads: Int, spinDuration: Duration = .microseconds(100)) {
        self.maxThreads = max(1, maxThreads)
        self.spinNanoseconds = UInt64(spinDuration.nanoseconds)
    }

    /// Runs `job` on a pool thread; jobs start in submission order.
    func submit(_ job: @escaping Job) {
        condition.lock()
        defer { condition.unlock() }
        jobs.append(job)
        queued.wrappingAdd(1, ordering: .releasing)
        // A spinning thread takes the first queued job without a wake-up; any other needs a thread of its own.
        if !(spinnerActive && jobs.count - next == 1) { wakeOrStartThread() }
    }

    /// Lets every thread finish the queued jobs and end; later jobs are dropped.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Under `condition`: wakes a sleeping thread, or starts one if none sleeps and the pool may grow.
    private func wakeOrStartThread() {
        if sleeping > 0 {
            condition.signal()
        } else if threads < maxThreads && !stopped {
            threads += 1
            let thread = Thread { [self] in work() }
            thread.name = "http-worker"
            thread.start()
        }
    }

    /// Threads started and not ended, and how many of them sleep (for tests: an idle pool must not spin).
    var threadCounts: (started: Int, sleeping: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (threads, sleeping)
    }

    private func work() {
        condition.lock()
        // After each job a thread may spin once, then it sleeps until woken.
        var maySpin = true
        while true {
            if next < jobs.count {
                let job = jobs[next]!
                jobs[next] = nil
                next += 1
                if next == jobs.count {
                    jobs.removeAll(keepingCapacity: true)
                    next = 0
                } else {
                    // Under steady load the queue may never run empty: drop the taken slots now and then.
                    if next >= 1024 && next * 2 >= jobs.count {
                        jobs.removeFirst(next)
                        next = 0
                    }
                    wakeOrStartThread()
                }
                queued.wrappingSubtract(1, ordering: .relaxed)
                condition.unlock()
                job()
                condition.lock()
                maySpin = true
                continue
            }
            if stopped { break }
            if maySpin && !spinnerActive {
                maySpin = false
                spinnerActive = true
                condition.unlock()
                spinUntilJobOrTimeout()
                condition.lock()
                spinnerActive = false
                continue
            }
            sleeping += 1
            condition.wait()
            sleeping -= 1
        }
        threads -= 1
        condition.unlock()
    }

    private func spinUntilJobOrTimeout() {
        let deadline = MonotonicClock.nanoseconds() + spinNanoseconds
        // Yielding: on a busy machine the thread with real work to do may be waiting for this CPU.
        while queued.load(ordering: .acquiring) == 0 && MonotonicClock.nanoseconds() < deadline { sched_yield() }
    }
}
