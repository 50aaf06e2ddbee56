@testable import BriefingKit

/// A JSON value whose objects keep the key order they are given: the reference the
/// exports' direct writers (`SearchIndex.document`, `QuestionsJSON`) are compared with,
/// written through the same punctuation and escaping (`JSONText.swift`).
enum JSONValue {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// `nil` becomes `null`, so optional fields keep their place in every record.
    static func orNull(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// Compact without `indent`, indented for files people read.
    func write(into out: inout ByteText, indent: Int?, level: Int) {
        switch self {
        case .string(let s): out.append(jsonQuoted: s)
        case .int(let i): out.append(i)
        case .bool(let b): out.append(b ? "true" : "false" as StaticString)
        case .null: out.append("null" as StaticString)
        case .array(let items):
            guard !items.isEmpty else { out.append("[]" as StaticString); return }
            out.append(byte: UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(byte: UInt8(ascii: ",")) }
                out.appendJSONLineBreak(indent: indent, level: level + 1)
                item.write(into: &out, indent: indent, level: level + 1)
            }
            out.appendJSONLineBreak(indent: indent, level: level)
            out.append(byte: UInt8(ascii: "]"))
        case .object(let fields):
            out.appendJSONObject(fields, indent: indent, level: level, key: { $0.0 }) { out, field in
                field.1.write(into: &out, indent: indent, level: level + 1)
            }
        }
    }
}

