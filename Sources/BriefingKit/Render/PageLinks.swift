/// Makes the internal links of a rendered fragment relative to the page that shows it.
///
/// A fragment is rendered once and shown on pages at different depths, so the
/// Link stage writes internal links on a placeholder scheme and each page swaps
/// in its own way back to the root. Only our placeholder is touched: links are
/// resolved on the syntax tree, never here.
enum PageLinks {
    static let marker = "href=\"" + LinkRewriter.rootScheme

    static func localize(_ html: String, root: String) -> String {
        guard html.contains(LinkRewriter.rootScheme) else { return html }
        return html.replacingOccurrences(of: marker, with: "href=\"" + root)
    }
}
