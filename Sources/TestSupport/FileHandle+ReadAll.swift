import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension FileHandle {
    /// Everything up to the end of file (a child process's output pipe), retrying reads that a signal interrupts:
    /// Foundation's `readDataToEndOfFile()` traps on `EINTR`, taking the whole test process down.
    package func readAllData() -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[..<count])
            } else if count == 0 || errno != EINTR {
                return data
            }
        }
    }
}
