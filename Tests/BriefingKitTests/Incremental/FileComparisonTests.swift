import Foundation
import Testing
@testable import BriefingKit

/// `FileIO.holds` decides whether a page rendered again may keep the file the last build
/// wrote (in place) or be hard-linked from it (staging): a wrong "yes" leaves a stale page.
@Suite struct FileComparisonTests {
    private func folder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("holds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    /// Larger than one chunk, and not a multiple of it, so the last chunk is a short one.
    private let big: [UInt8] = (0..<200_001).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }

    @Test func aFileHoldsTheBytesItWasWrittenWith() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.path + "/page.html"
        _ = try FileIO.write(path, big)
        #expect(FileIO.holds(path, big))
        _ = try FileIO.write(path, [])
        #expect(FileIO.holds(path, []))
        #expect(!FileIO.holds(path, [0]))
    }

    @Test func oneByteChangedAnywhereIsADifference() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.path + "/page.html"
        _ = try FileIO.write(path, big)
        // The first byte, the last of the first chunk, the first of the second, the very last.
        for at in [0, (1 << 16) - 1, 1 << 16, big.count - 1] {
            var other = big
            other[at] ^= 0x20
            #expect(!FileIO.holds(path, other), "byte \(at)")
        }
        #expect(!FileIO.holds(path, Array(big.dropLast())), "shorter")
        #expect(!FileIO.holds(path, big + [0]), "longer")
    }

    @Test func onlyARegularFileCounts() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let bytes = Array("<p>same</p>".utf8)
        _ = try FileIO.write(root.path + "/real.html", bytes)
        try FileManager.default.createSymbolicLink(atPath: root.path + "/link.html", withDestinationPath: root.path + "/real.html")
        #expect(!FileIO.holds(root.path + "/link.html", bytes), "a link is not the file the build wrote")
        #expect(!FileIO.holds(root.path + "/missing.html", bytes))
        try FileManager.default.createDirectory(atPath: root.path + "/folder", withIntermediateDirectories: false)
        #expect(!FileIO.holds(root.path + "/folder", []))
        // A FIFO has size 0: compared with no bytes it must answer, not wait for a writer.
        #expect(mkfifo(root.path + "/fifo", 0o644) == 0)
        #expect(!FileIO.holds(root.path + "/fifo", []))
    }
}
