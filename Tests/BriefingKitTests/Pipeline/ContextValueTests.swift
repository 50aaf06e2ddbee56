import Testing
@testable import BriefingKit

/// The renderer and the fingerprint tell context values apart through `ContextValue`:
/// each type pages hand over must come out as itself, and anything else as `other`.
@Suite struct ContextValueTests {
    @Test func eachTypePagesHandOverIsTakenAsItIs() {
        guard case .string(let s) = ContextValue("Remit" as Any), s == "Remit" else { Issue.record("string"); return }
        guard case .int(let n) = ContextValue(42 as Any), n == 42 else { Issue.record("int"); return }
        guard case .bool(let b) = ContextValue(true as Any), b else { Issue.record("bool"); return }
        guard case .fields(let f) = ContextValue(["title": "Remit", "n": 1] as ContextFields as Any),
              f["title"] as? String == "Remit", f["n"] as? Int == 1 else { Issue.record("fields"); return }
        guard case .fieldsList(let fs) = ContextValue([["a": 1] as ContextFields] as Any), fs.count == 1 else { Issue.record("[ContextFields]"); return }
        guard case .dictionary(let d) = ContextValue(["title": "Remit", "n": 1] as [String: Any] as Any),
              d["title"] as? String == "Remit", d["n"] as? Int == 1 else { Issue.record("dictionary"); return }
        guard case .stringDictionary(let sd) = ContextValue(["a": "b"] as Any), sd == ["a": "b"] else { Issue.record("[String: String]"); return }
        guard case .dictionaries(let ds) = ContextValue([["a": 1] as [String: Any]] as Any), ds.count == 1 else { Issue.record("[[String: Any]]"); return }
        guard case .stringDictionaries(let sds) = ContextValue([["a": "b"]] as Any), sds == [["a": "b"]] else { Issue.record("[[String: String]]"); return }
        guard case .strings(let ss) = ContextValue(["a", "b"] as Any), ss == ["a", "b"] else { Issue.record("[String]"); return }
        guard case .list(let l) = ContextValue([1, "a"] as [Any] as Any), l.count == 2 else { Issue.record("[Any]"); return }
    }

    @Test func otherTypesAreLeftToTheGeneralRules() {
        let others: [Any] = [Optional("x") as Any, ["a": 1] as [String: Int], [1, 2], 1.5, Substring("a"), [String?]()]
        for value in others {
            guard case .other = ContextValue(value) else {
                Issue.record("\(type(of: value)) was taken as a type pages hand over")
                continue
            }
        }
    }
}
