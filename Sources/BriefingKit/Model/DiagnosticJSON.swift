/// Diagnostics as JSON for editors, CI annotations and the dev server's browser overlay.
///
/// Written by hand rather than with JSONEncoder so that keys keep a reading order
/// (path, line, column, severity, message) and the bytes are the same on every platform.
public enum DiagnosticJSON {
    /// `{"diagnostics":[…],"errors":N,"warnings":N}`, diagnostics in `Diagnostics.sorted` order.
    public static func report(_ diagnostics: Diagnostics) -> String {
        let list = diagnostics.sorted
        return "{\"diagnostics\":\(array(list)),\"errors\":\(diagnostics.errors.count),\"warnings\":\(diagnostics.warnings.count)}"
    }

    public static func array(_ list: [Diagnostic]) -> String {
        "[" + list.map(object).joined(separator: ",") + "]"
    }

    public static func object(_ d: Diagnostic) -> String {
        "{\"path\":\(string(d.location.path)),\"line\":\(d.location.line),\"column\":\(d.location.column),"
            + "\"severity\":\(string(d.severity.rawValue)),\"message\":\(string(d.message))}"
    }

    /// A JSON string literal. `<`, `>` and `&` are escaped too, so the text can sit
    /// inside an HTML `<script type="application/json">` without ending it.
    public static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
