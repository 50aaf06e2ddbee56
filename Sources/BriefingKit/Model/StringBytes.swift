extension String {
    /// `body` on the string's UTF-8 bytes, contiguous. A large string's are read where they lie;
    /// a small one has no storage to read, so its bytes come from `withUTF8`'s copy on the stack.
    /// (`withUTF8` on a copy of a large string retains it for the call and releases it after: two
    /// atomic reference-count operations per string, and this runs for every string a page's
    /// fingerprint, escape or link reads.)
    func readingUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let done = try utf8.withContiguousStorageIfAvailable(body) { return done }
        var small = self
        return try small.withUTF8(body)
    }
}
