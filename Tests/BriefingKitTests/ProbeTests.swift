import Testing
@Test func probe() { #expect(true) }
