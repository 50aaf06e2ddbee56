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
        var out = ByteText(reservingCapacity: s.utf8.count + 2)
        out.append(jsonQuoted: s, htmlSafe: true)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
