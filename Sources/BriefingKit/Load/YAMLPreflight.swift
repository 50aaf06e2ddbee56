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
}
