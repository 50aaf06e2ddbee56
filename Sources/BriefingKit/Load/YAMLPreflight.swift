import CYaml

/// A pass over libyaml's tokens before Yams composes front matter, refusing the two
/// shapes that make composing expensive rather than wrong:
///
/// - **Aliases** (`*name`). Yams shares an aliased node wherever it is used, but
///   hashing a mapping key made of nested aliases walks every use: nine anchors of
///   nine aliases each (a "billion laughs") took 45 s. Front matter never needs them.
/// - **Nesting deeper than `maxDepth`.** Yams composes recursively, and a build
///   composes on worker threads with small stacks; `[[[[…` 10,000 deep would end
///   the process instead of reporting a line.
///
/// The scanner is libyaml's own and does not recurse. Anything it cannot scan is
/// left for `Yams.compose`, which reports the syntax error with its position.
enum YAMLPreflight {
    static let maxDepth = 100

    struct Finding: Equatable {
        /// 1-based line and column inside the YAML text.
        var line: Int
        var column: Int
        var message: String
    }

    static func check(_ yaml: String) -> Finding? {
        cannotRefuse(yaml) ? nil : scan(yaml)
    }

    /// libyaml's tokens, counted.
    static func scan(_ yaml: String) -> Finding? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(yaml.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Finding? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var depth = 0
            while true {
                var token = yaml_token_t()
                guard yaml_parser_scan(&parser, &token) == 1 else { return nil }
                defer { yaml_token_delete(&token) }
                let at = (line: Int(token.start_mark.line) + 1, column: Int(token.start_mark.column) + 1)
                switch token.type {
                case YAML_STREAM_END_TOKEN:
                    return nil
                case YAML_ALIAS_TOKEN:
                    return Finding(line: at.line, column: at.column,
                                   message: "YAML aliases (*name) are not allowed in front matter; write the value out")
                case YAML_BLOCK_SEQUENCE_START_TOKEN, YAML_BLOCK_MAPPING_START_TOKEN,
                     YAML_FLOW_SEQUENCE_START_TOKEN, YAML_FLOW_MAPPING_START_TOKEN:
                    depth += 1
                    if depth > maxDepth {
                        return Finding(line: at.line, column: at.column,
                                       message: "front matter nests lists and mappings more than \(maxDepth) levels deep")
                    }
                case YAML_BLOCK_END_TOKEN, YAML_FLOW_SEQUENCE_END_TOKEN, YAML_FLOW_MAPPING_END_TOKEN:
                    depth -= 1
                default:
                    break
                }
            }
        }
    }

    /// True when the bytes alone show that `check` would find nothing, so the token scan
    /// (a quarter of loading a file: libyaml reads every character once more) can be skipped.
    /// It only ever errs towards false; then the scan decides.
    ///
    /// - **No alias.** An alias starts at a `*` where a node may start: at the start of a
    ///   line, or after `-`, `?`, `:`, `[`, `{` or `,` and blanks. A `*` after a letter, a
    ///   digit or `.'"()_/;=+*` is inside a plain scalar (`the *term*`), or follows a token an
    ///   alias may not follow (`"x" *a`, `&a *b`), which Yams then refuses as a syntax error.
    ///   Any other byte before a `*` (a line break of any kind, UTF-8) counts as a start.
    ///   The scan also refuses an alias token that follows such a token; Yams then refuses
    ///   the same document as a syntax error at the alias, which is all the scan protects.
    ///   Nor is a `*` an alias, wherever it stands, when no alias name follows it (`scansAsName`).
    /// - **Depth at most `maxDepth`.** A block collection starts at a column greater than the
    ///   one it is in, at the first key or `-` of a line after its blanks and compact
    ///   indicators (`- - key:`), so block depth is at most one more than the longest such
    ///   prefix of a line (spaces, tabs, `-`, `?`, `:`); flow depth is at most the count of
    ///   `[` and `{`. Markdown links (`[[11.2]]`) count too: a file with many only takes the scan.
    ///
    /// The bytes it must look at are few (line breaks, non-ASCII, `*`, `[`, `{`), so it skips
    /// to them sixteen at a time; a prefix is measured where a line starts.
    static func cannotRefuse(_ yaml: String) -> Bool {
        return yaml.readingUTF8 { b in
            var flows = 0
            var longestPrefix = prefix(b, from: 0)
            var i = 0
            while true {
                i = ByteSkip.next(in: b, from: i, vector: stops, scalar: stops)
                guard i < b.count else { break }
                switch b[i] {
                case 42:  // *
                    if !isInsideToken(byteBefore(i, in: b)) && scansAsName(b, at: i) { return false }
                case 91, 123:  // [ {
                    flows += 1
                default:
                    // libyaml also breaks lines at NEL, LS and PS: any byte of a non-ASCII
                    // character starts a prefix here, which can only make the bound larger.
                    longestPrefix = max(longestPrefix, prefix(b, from: i + 1))
                }
                i += 1
            }
            return longestPrefix + 1 + flows <= maxDepth
        }
    }

    /// The bytes `cannotRefuse` looks at: line breaks, non-ASCII bytes, `*`, `[`, `{`.
    @inline(__always)
    static func stops(_ c: UInt8) -> Bool { c == 10 || c == 13 || c >= 0x80 || c == 42 || c == 91 || c == 123 }

    @inline(__always)
    static func stops(_ v: ByteSkip.Vector) -> ByteSkip.Mask {
        v .== ByteSkip.splat(10) .| v .== ByteSkip.splat(13) .| v .>= ByteSkip.splat(0x80)
            .| v .== ByteSkip.splat(42) .| v .== ByteSkip.splat(91) .| v .== ByteSkip.splat(123)
    }

    /// Blanks and compact indicators (`-`, `?`, `:`) from `start`: where a block collection
    /// on this line could start.
    private static func prefix(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < b.count {
            switch b[i] {
            case 32, 9, 45, 63, 58: i += 1
            default: return i - start
            }
        }
        return i - start
    }

    /// Whether the `*` (or `&`) at `sigil` is followed by what libyaml scans as an alias's
    /// (an anchor's) name: letters, digits, `_` and `-`, then a blank, a line break, the
    /// end, or one of `?:,]}%@` and the backtick (`yaml_parser_scan_anchor`). Anything else
    /// there (`*word*`, `**bold**`, `* item`) stops libyaml's scanner with an error where the
    /// sigil starts a token, so the scan refuses nothing, and is text where it does not:
    /// Markdown emphasis and bullets at the start of a text's lines. A byte past ASCII after
    /// the name counts as a break (it may start NEL, LS or PS).
    private static func scansAsName(_ b: UnsafeBufferPointer<UInt8>, at sigil: Int) -> Bool {
        var i = sigil + 1
        while i < b.count, isAnchorByte(b[i]) { i += 1 }
        guard i > sigil + 1 else { return false }
        guard i < b.count else { return true }
        switch b[i] {
        case 32, 9, 10, 13, 0, 0x80...: return true
        case 63, 58, 44, 93, 125, 37, 64, 96: return true  // ? : , ] } % @ `
        default: return false
        }
    }

    /// libyaml's `IS_ALPHA`: the bytes of an anchor's or alias's name.
    private static func isAnchorByte(_ c: UInt8) -> Bool {
        switch c {
        case 48...57, 65...90, 97...122, 95, 45: true
        default: false
        }
    }

    /// True when no node of the document can carry a tag, so Yams' basic resolver reads it
    /// as the default one would and a key is its text (`YAMLSource.plainTags`): every `!`
    /// follows, on its line and past blanks, a byte that only ends text inside a scalar
    /// (`isInsideToken`; the same rule as for `*`) or another such `!`, and no `&` stands
    /// where an anchor may start, since a tag may follow an anchor's name (`&a !t x`). So
    /// "Urgent!" in a question no longer sends its file through the default resolver's
    /// regular expressions. It only ever errs towards false.
    static func writesNoTag(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while true {
            i = ByteSkip.next(in: b, from: i, vector: sigils, scalar: sigils)
            guard i < b.count else { return true }
            let before = byteBefore(i, in: b)
            if b[i] == 33 {
                if !isInsideToken(before) && before != 33 { return false }
            } else if !isInsideToken(before) && scansAsName(b, at: i) {
                return false
            }
            i += 1
        }
    }

    /// The bytes `writesNoTag` looks at: `!` and `&`.
    @inline(__always)
    static func sigils(_ c: UInt8) -> Bool { c == 33 || c == 38 }

    @inline(__always)
    static func sigils(_ v: ByteSkip.Vector) -> ByteSkip.Mask {
        v .== ByteSkip.splat(33) .| v .== ByteSkip.splat(38)
    }

    /// The byte before `i`, blanks skipped; a line break where the text starts.
    private static func byteBefore(_ i: Int, in b: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var j = i - 1
        while j >= 0 && (b[j] == 32 || b[j] == 9) { j -= 1 }
        return j >= 0 ? b[j] : 10
    }

    /// Bytes after which a `*` cannot start a token that composes: see `cannotRefuse`.
    private static func isInsideToken(_ c: UInt8) -> Bool {
        switch c {
        case 48...57, 65...90, 97...122: true  // digits, letters
        case 46, 39, 34, 40, 41, 95, 47, 59, 61, 43, 42: true  // . ' " ( ) _ / ; = + *
        default: false
        }
    }
}
