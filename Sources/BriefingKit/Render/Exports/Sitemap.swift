/// `sitemap.xml`: every page at its absolute address under base_url.
///
/// Addresses use the folder form (`BASE/recommendations/11/`), the same as each
/// page's canonical link. No `<lastmod>`: the build keeps no timestamps. The
/// sitemap protocol allows absolute URLs only, so a site without base_url gets
/// an empty `<urlset>` (and a comment saying why) rather than wrong addresses.
struct Sitemap {
    static let path = "sitemap.xml"
    /// Pages a crawler should not list: the error page.
    static let excluded: Set<String> = ["404.html"]

    func file(baseURL: String, pages: [String]) -> OutputFile {
        var xml = ByteText()
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" as StaticString)
        xml.append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n" as StaticString)
        if baseURL.isEmpty {
            xml.append("<!-- no base_url in briefing.yml: a sitemap can only list absolute addresses -->\n" as StaticString)
        } else {
            for page in pages.filter({ OutputFile.isPage($0) && !Self.excluded.contains($0) }).sorted() {
                xml.append("<url><loc>" as StaticString)
                xml.append(xmlEscaped: PageFrame.absolute(baseURL, Self.folder(page)))
                xml.append("</loc></url>\n" as StaticString)
            }
        }
        xml.append("</urlset>\n" as StaticString)
        return OutputFile(path: Self.path, bytes: xml.bytes)
    }

    /// `recommendations/11/index.html` → `recommendations/11/`; the home page → `./`.
    static func folder(_ file: String) -> String {
        if file == "index.html" { return "./" }
        return file.hasSuffix("/index.html") ? String(file.dropLast("index.html".count)) : file
    }
}
