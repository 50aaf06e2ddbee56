import Foundation
#if canImport(Glibc)
import Glibc
private let systemConnect = Glibc.connect
private let systemSend = Glibc.send
#elseif canImport(Darwin)
import Darwin
private let systemConnect = Darwin.connect
private let systemSend = Darwin.send
#endif

/// A minimal HTTP/1.1 client over a blocking socket to 127.0.0.1 only, with
/// timeouts on every call, so a broken server fails a test instead of hanging it.
/// Blocking calls run on Dispatch threads, never on Swift's cooperative pool,
/// which the server under test needs to answer.
enum LoopbackHTTP {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func get(port: Int, _ path: String, method: String = "GET") async throws -> Reply {
        try await offPool { try getBlocking(port: port, path, method: method) }
    }

    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { done in
            DispatchQueue.global().async { done.resume(with: Result { try work() }) }
        }
    }

    static func connect(port: Int, timeout: Double = 5) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else { close(fd); throw Failure(description: "connect to 127.0.0.1:\(port) failed") }
        return fd
    }

    static func send(_ fd: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { systemSend(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw Failure(description: "send failed") }
            sent += n
        }
    }

    static func getBlocking(port: Int, _ path: String, method: String) throws -> Reply {
        let fd = try connect(port: port)
        defer { close(fd) }
        try send(fd, "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            guard n > 0 else { throw Failure(description: "recv timed out or failed after \(data.count) bytes") }
            data += chunk[..<n]
        }
        return try parse(data, head: method == "HEAD")
    }

    static func parse(_ data: [UInt8], head: Bool) throws -> Reply {
        guard let split = find([13, 10, 13, 10], in: data) else { throw Failure(description: "no header end") }
        let lines = String(decoding: data[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = Array(data[(split + 4)...])
        return Reply(status: status, headers: headers, body: head ? [] : body)
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int = 0) -> Int? {
        guard hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
        for i in from...(hay.count - needle.count) where hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }
}

/// `GET /__briefing/events`, read one Server-Sent Event at a time.
final class EventStreamReader: @unchecked Sendable {
    struct Event: Equatable {
        var name: String
        var data: String
    }

    private let fd: Int32
    private var buffer = [UInt8]()
    private var headersRead = false

    init(port: Int) throws {
        fd = try LoopbackHTTP.connect(port: port, timeout: 0.25)
        try LoopbackHTTP.send(fd, "GET /__briefing/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
    }

    deinit { close(fd) }

    /// The next named event (comments and `retry:` skipped), or nil at end of stream or after `timeout` seconds.
    func next(timeout: Double) async throws -> Event? {
        try await LoopbackHTTP.offPool { self.nextBlocking(timeout: timeout) }
    }

    private func nextBlocking(timeout: Double) -> Event? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !headersRead, let end = LoopbackHTTP.find([13, 10, 13, 10], in: buffer) {
                buffer.removeFirst(end + 4)
                headersRead = true
            }
            if headersRead, let event = takeEvent() { return event }
            var chunk = [UInt8](repeating: 0, count: 8192)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return nil }
            if n > 0 { buffer += chunk[..<n] }
        }
        return nil
    }

    /// Events end with a blank line. The body is chunked; chunk-size lines are skipped
    /// because they never start with `event:` or `data:`.
    private func takeEvent() -> Event? {
        while let end = LoopbackHTTP.find([10, 10], in: buffer) {
            let block = String(decoding: buffer[..<end], as: UTF8.self)
            buffer.removeFirst(end + 2)
            var name = "", data = ""
            // Split on any newline: Swift reads "\r\n" (chunk framing) as one Character.
            for l in block.split(whereSeparator: \.isNewline) {
                if l.hasPrefix("event: ") { name = String(l.dropFirst(7)) }
                if l.hasPrefix("data: ") { data = String(l.dropFirst(6)) }
            }
            if !name.isEmpty { return Event(name: name, data: data) }
        }
        return nil
    }

    /// Whether the server has closed the stream (within `timeout` seconds).
    func isClosed(timeout: Double) async throws -> Bool {
        try await LoopbackHTTP.offPool {
            let deadline = Date().addingTimeInterval(timeout)
            var chunk = [UInt8](repeating: 0, count: 8192)
            while Date() < deadline {
                let n = chunk.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
                if n == 0 { return true }
                if n < 0 && errno != EAGAIN && errno != EWOULDBLOCK { return true }
            }
            return false
        }
    }
}
