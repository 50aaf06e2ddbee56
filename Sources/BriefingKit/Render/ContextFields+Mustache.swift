import Mustache

/// How swift-mustache reads `ContextFields`: as it reads a `[String: Any]`.
extension ContextFields: MustacheParent {
    public func child(named name: String) -> Any? { self[name] }
}

extension ContextFields: MustacheTransformable {
    /// `Dictionary`'s transforms in swift-mustache; `enumerated` in the order given, where a
    /// dictionary's order changes from run to run.
    public func transform(_ name: String) -> Any? {
        switch name {
        case "count": count
        case "empty": isEmpty
        case "enumerated": indices.map { (key: self.name(at: $0), value: value(at: $0)) }
        case "sorted": indices.sorted { self.name(at: $0) < self.name(at: $1) }.map { (key: self.name(at: $0), value: value(at: $0)) }
        default: nil
        }
    }
}
