import Foundation
import Synchronization
import Testing

@testable import HTTPServer

@Suite(.timeLimit(.minutes(1)))
struct WorkerPoolTests {
    /// Jobs submitted from several threads at once all run once, however the spinning thread and the sleeping ones
    /// share them.
    @Test func everyJob_RunsOnce() {
        let pool = WorkerPool(maxThreads: 4)
        let runs = Mutex<[Int]>([])
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.concurrentPerform(iterations: 8) { submitter in
            for index in 0..<250 {
                pool.submit {
                    runs.withLock { $0.append(submitter * 1000 + index) }
                    done.signal()
                }
            }
        }
        for _ in 0..<2000 { done.wait() }
        #expect(runs.withLock { $0.sorted() } == (0..<8).flatMap { submitter in (0..<250).map { submitter * 1000 + $0 } })
        pool.stop()
    }

    /// A long queue is taken in submission order while the taken slots are dropped along the way.
    @Test func longQueue_RunsInSubmissionOrder() {
        let pool = WorkerPool(maxThreads: 1)
        let order = Mutex<[Int]>([])
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        pool.submit { release.wait() }
        for index in 0..<5000 {
            pool.submit {
                order.withLock { $0.append(index) }
                if index == 4999 { done.signal() }
            }
        }
        release.signal()
        done.wait()
        #expect(order.withLock { $0 } == Array(0..<5000))
        pool.stop()
    }

    /// No more than `maxThreads` jobs run at once, and a job waiting for a later one does not stall the pool while
    /// a thread is free to run that one (a write waiting for a sync that another writer leads).
    @Test func threads_AreCapped_AndABlockedJobLeavesTheOthersRunning() {
        let pool = WorkerPool(maxThreads: 3)
        let running = Atomic(0)
        let peak = Atomic(0)
        let released = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        pool.submit {
            released.wait()
            finished.signal()
        }
        for _ in 0..<20 {
            pool.submit {
                let now = running.add(1, ordering: .relaxed).newValue
                peak.max(now, ordering: .relaxed)
                usleep(1000)
                running.subtract(1, ordering: .relaxed)
                finished.signal()
            }
        }
        for _ in 0..<20 { finished.wait() }
        released.signal()
        finished.wait()
        #expect(peak.load(ordering: .relaxed) <= 2)
        pool.stop()
    }

    /// Once the jobs are done, every thread sleeps after at most one short spin: an idle server uses no CPU.
    @Test func idleThreads_Sleep() {
        let pool = WorkerPool(maxThreads: 3)
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<3 { pool.submit { usleep(2000); done.signal() } }
        for _ in 0..<3 { done.wait() }
        let deadline = Date().addingTimeInterval(2)
        var counts = pool.threadCounts
        while counts.sleeping < counts.started && Date() < deadline {
            usleep(1000)
            counts = pool.threadCounts
        }
        #expect(counts.started > 0 && counts.sleeping == counts.started)
        pool.stop()
    }

    /// After `stop`, the threads finish what was queued and end; the pool lets go of them.
    @Test func stop_EndsTheThreads_AfterTheQueuedJobs() {
        weak var released: WorkerPool?
        let ran = Atomic(0)
        do {
            let pool = WorkerPool(maxThreads: 2)
            released = pool
            for _ in 0..<10 { pool.submit { ran.add(1, ordering: .relaxed) } }
            pool.stop()
        }
        let deadline = Date().addingTimeInterval(5)
        while released != nil && Date() < deadline { usleep(1000) }
        #expect(released == nil)
        #expect(ran.load(ordering: .relaxed) == 10)
    }
}
