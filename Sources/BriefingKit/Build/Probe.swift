import Ccmark
public enum Probe {
    public static func version() -> String { String(cString: cmark_version_string()) }
    public static func embedded() -> Int { PackageResources.base_mustache.count }
}
