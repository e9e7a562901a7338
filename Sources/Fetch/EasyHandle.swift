import CCurl

/// Calls `curl_global_init` exactly once, the first time a handle is made (libcurl requires it before
/// any thread uses the library; a lazy global is initialised once, thread-safely).
private let curlGlobalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

/// Owns one libcurl easy handle and the C memory its options point at; freed together in `deinit`.
final class EasyHandle {
    let raw: UnsafeMutableRawPointer
    /// `CURLOPT_ERRORBUFFER`: libcurl writes its detailed message here.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Lists handed to libcurl by pointer (it does not copy them), kept alive as long as the handle.
    private var lists: [UnsafeMutablePointer<curl_slist>] = []

    init() throws(FetchError) {
        guard curlGlobalInit == CURLE_OK else { throw .other(code: Int(curlGlobalInit.rawValue), message: "init") }
        guard let raw = curl_easy_init() else { throw .other(code: -1, message: "curl_easy_init failed") }
        self.raw = raw
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        // Only fails if the option is unknown, which would be a build problem, not a runtime condition.
        _ = pt_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer)
    }

    deinit {
        curl_easy_cleanup(raw)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws(FetchError) {
        try check(pt_setopt_long(raw, option, value), option)
    }

    /// Sets a string option (libcurl copies the string).
    func set(_ option: CURLoption, _ value: String) throws(FetchError) {
        try check(pt_setopt_string(raw, option, value), option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer) throws(FetchError) {
        try check(pt_setopt_pointer(raw, option, pointer), option)
    }

    func set(_ option: CURLoption, function: curl_write_callback) throws(FetchError) {
        try check(pt_setopt_write_function(raw, option, function), option)
    }

    func setOpenSocketFunction(_ function: curl_opensocket_callback) throws(FetchError) {
        try check(pt_setopt_opensocket_function(raw, function), CURLOPT_OPENSOCKETFUNCTION)
    }

    /// Sets a `curl_slist` option; the list lives until the handle is freed.
    func set(_ option: CURLoption, list strings: [String]) throws(FetchError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for string in strings {
            guard let appended = curl_slist_append(list, string) else {
                curl_slist_free_all(list)
                throw .other(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_slist_append failed")
            }
            list = appended
        }
        guard let list else { return }
        lists.append(list)
        try check(pt_setopt_slist(raw, option, list), option)
    }

    func perform() -> CURLcode { curl_easy_perform(raw) }

    func longInfo(_ info: CURLINFO) -> Int {
        var value = 0
        return pt_getinfo_long(raw, info, &value) == CURLE_OK ? value : 0
    }

    func stringInfo(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard pt_getinfo_string(raw, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    /// libcurl's detailed message for the last failure, else the generic text of `code`.
    func message(for code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(FetchError) {
        guard code == CURLE_OK else {
            let text = String(cString: curl_easy_strerror(code))
            throw .other(code: Int(code.rawValue), message: "setting option \(option.rawValue): \(text)")
        }
    }
}

@available(*, unavailable)
extension EasyHandle: Sendable {}
