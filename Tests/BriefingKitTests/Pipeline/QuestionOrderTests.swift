import Testing
@testable import BriefingKit

@Suite struct QuestionOrderTests {
    /// What `parts` meant before it read bytes: `split` on dots, then `Int` of the first two parts.
    static func reference(_ id: String) -> (Int, Int) {
        let p = id.split(separator: ".")
        return (Int(p.first ?? "") ?? 0, Int(p.dropFirst().first ?? "") ?? 0)
    }

    @Test func partsReadOnBytesAgreeWithSplitting() {
        let ids = ["11.13", "1.1", "0.0", "007.010", "11", "11.", ".5", "1..2", "1.2.3", "", ".", "a.1", "1.b",
                   "-1.2", "+1.2", " 1.2", "1.2 ", "١.٢", "99999999999999999.1", "1.999999999999999999999",
                   "123456789012345678.1", "1.1234567890123456789"]
        for id in ids {
            let got = QuestionOrder.parts(id), want = Self.reference(id)
            #expect(got == want, "\(id)")
        }
    }
}
