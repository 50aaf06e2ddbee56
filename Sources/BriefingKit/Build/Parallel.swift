import Dispatch
import Foundation

/// A buffer that many threads write at distinct indices; each index is written once.
private struct Slots<R>: @unchecked Sendable {
    let base: UnsafeMutablePointer<R?>
}

extension Array where Element: Sendable {
    /// `map` over both cores, results in input order so output never depends on timing.
    func parallelMap<R: Sendable>(_ transform: @Sendable (Element) -> R) -> [R] {
        let n = count
        if n < 2 { return map(transform) }
        let slots = Slots(base: UnsafeMutablePointer<R?>.allocate(capacity: n))
        slots.base.initialize(repeating: nil, count: n)
        defer { slots.base.deinitialize(count: n); slots.base.deallocate() }
        self.withUnsafeBufferPointer { items in
            let items = UnsafeSendableBuffer(items)
            DispatchQueue.concurrentPerform(iterations: n) { i in
                slots.base[i] = transform(items.buffer[i])
            }
        }
        return (0..<n).map { slots.base[$0]! }
    }
}

private struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<T>
    init(_ b: UnsafeBufferPointer<T>) { buffer = b }
}

/// A value made once, by whichever thread asks first; the others wait for it.
final class Shared<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        lock.withLock {
            if let made { return made }
            let v = make()
            made = v
            return v
        }
    }
}

/// A value made on a thread of its own from now on, for a stage that needs it later:
/// work that does not depend on the stages before it fills the core they leave idle.
final class Prepared<Value: Sendable>: @unchecked Sendable {
    private var made: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ make: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            made = make()
            done.signal()
        }
        // The main thread's: parsing templates recurses as deep as they nest.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the value; the semaphore's wait and signal order the write before every read.
    var value: Value {
        done.wait()
        done.signal()
        return made!
    }
}

/// Lets go of a value on another thread. Freeing a built site (its model, fragments,
/// page contexts and question partials: hundreds of thousands of objects at 1250x8)
/// took the main thread 15–20 ms after the last file was written, which `serve`'s
/// reload and a lone build's exit waited for. The caller must hold no other copy:
/// pass it with `consume`, or the last release may still fall on the caller.
func releaseInBackground<T>(_ value: consuming T) {
    let box = ReleaseBox(consume value)
    DispatchQueue.global(qos: .utility).async { box.value = nil }
}

private final class ReleaseBox<T>: @unchecked Sendable {
    var value: T?
    init(_ value: consuming T) { self.value = consume value }
}
