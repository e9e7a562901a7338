extension JSONValue {
    /// Applies `patch` to this value as a JSON Merge Patch (RFC 7396 §2): objects merge member by member,
    /// `null` removes a member, anything else replaces. Existing members keep their position; new ones are appended.
    package func mergePatched(with patch: JSONValue) -> JSONValue {
        guard case .object(let patchObject) = patch else { return patch }
        var result = objectValue ?? JSONObject()
        for (key, patchValue) in patchObject {
            if patchValue == .null {
                result[key] = nil
            } else {
                result[key] = (result[key] ?? .null).mergePatched(with: patchValue)
            }
        }
        return .object(result)
    }
}
