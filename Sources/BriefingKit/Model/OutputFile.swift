/// One file of the built site: a path relative to the output folder and its bytes.
public struct OutputFile: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// Whether a site path is a page, as the summary line, the sitemap and the link
    /// checker count them: every HTML file the site holds.
    public static func isPage(_ path: String) -> Bool { path.hasSuffix(".html") }
}

/// A page to render later, on whichever core is free: the template, and the
/// context it reads. Kept apart so the build can tell from the context alone
/// whether the page would come out as it did last time (see `PageFingerprint`).
public struct PageJob: Sendable {
    public var path: String
    public var template: String
    public var context: @Sendable () -> ContextFields
}
