/// A place in a source file, 1-based, as editors and CI annotations expect.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
    }

    public var description: String { "\(Diagnostic.printable(path)):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// One finding of a build: what is wrong, and where.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, location, message)
    }

    public static func warning(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, location, message)
    }

    /// `path:line:col: error: message`, the form gcc, swiftc and CI annotators read.
    public var description: String { "\(location): \(severity.rawValue): \(Self.printable(message))" }

    /// `text` on one line with nothing a terminal acts on: messages quote content, and
    /// a value holding a newline and `path:1:1: error: …` would print a second, forged
    /// diagnostic that CI annotates, or one holding ESC would drive the terminal.
    /// Controls are shown as Swift escapes (`\n`, `\u{1B}`).
    static func printable(_ text: String) -> String {
        func shown(_ s: Unicode.Scalar) -> Bool {
            !(s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029)
        }
        guard !text.unicodeScalars.allSatisfy(shown) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if shown(s) { out.append(s); continue }
            let escaped: String
            switch s {
            case "\n": escaped = "\\n"
            case "\r": escaped = "\\r"
            case "\t": escaped = "\\t"
            default: escaped = "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escaped.unicodeScalars)
        }
        return String(out)
    }
}

/// Findings gathered across a stage; a build reports all of them, not just the first.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func error(_ location: SourceLocation, _ message: String) {
        all.append(.error(location, message))
    }

    public mutating func warning(_ location: SourceLocation, _ message: String) {
        all.append(.warning(location, message))
    }

    public mutating func append(_ d: Diagnostic) { all.append(d) }
    public mutating func append(contentsOf other: Diagnostics) { all.append(contentsOf: other.all) }
    public mutating func append(contentsOf list: [Diagnostic]) { all.append(contentsOf: list) }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }

    /// Stable order (file, line, column) so output does not depend on thread timing.
    public var sorted: [Diagnostic] {
        all.sorted { ($0.location, $0.severity == .error ? 0 : 1, $0.message) < ($1.location, $1.severity == .error ? 0 : 1, $1.message) }
    }
}

private func < (a: (SourceLocation, Int, String), b: (SourceLocation, Int, String)) -> Bool {
    if a.0 != b.0 { return a.0 < b.0 }
    if a.1 != b.1 { return a.1 < b.1 }
    return a.2 < b.2
}
