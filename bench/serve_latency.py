#!/usr/bin/env python3
"""Measures `briefing serve`'s save-to-reload latency on a generated corpus: `make bench-serve`.

usage: serve_latency.py BRIEFING_BIN [--size 250x8] [--runs 20] [--port N] [--browser]

It generates a corpus with bench/gen_corpus.py into a temporary folder, starts
`BRIEFING_BIN serve -v --source DIR --port PORT` on 127.0.0.1, waits for the first
build, and opens the events stream (/__briefing/events). Each run then rewrites
content/recommendations/1.md with a new sentence in its body (a different one each
run, so every run is a real change) and records, from a monotonic clock read just
before the write:
  - reload event: until the `reload` event arrives on the events stream;
  - page fetched: until GET /recommendations/1/index.html has returned and holds
    the new sentence (fetched as soon as the event arrives).
With --browser, a headless Chromium tab shows the same page with the dev server's
reload script, and the run also records, over the DevTools protocol:
  - DOMContentLoaded and load: until the reloaded tab fires each event, its text
    holding the new sentence (checked with Runtime.evaluate).
The browser mode needs the websocket-client package (`pip install websocket-client`);
without it, it says so and measures the rest.

Prints a markdown table (n, min, median, p90, max), the server's own `built ... in
N ms` times and per-stage times (-v) for the same rebuilds, and the load average.
The server, the browser and the temporary folder are removed however it ends.
"""
import argparse, http.client, json, os, queue, re, shutil, signal, socket, statistics
import subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
HOST = "127.0.0.1"
EDITED = os.path.join("content", "recommendations", "1.md")
PAGE = "/recommendations/1/index.html"
EVENT_TIMEOUT = 10.0


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def get(port, path, timeout=5.0):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def wait_until(predicate, timeout, step=0.05, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(step)
    raise SystemExit("timed out after %.0f s waiting for %s" % (timeout, what))


class ServerLog:
    """Reads the server's stderr on a thread: every line with the time it arrived."""

    def __init__(self, stream):
        self.lines = []  # (monotonic, text)
        self.lock = threading.Lock()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for raw in iter(stream.readline, b""):
            with self.lock:
                self.lines.append((time.monotonic(), raw.decode("utf-8", "replace").rstrip("\n")))

    def since(self, index):
        with self.lock:
            return list(self.lines[index:])

    def count(self):
        with self.lock:
            return len(self.lines)

    def tail(self, n=20):
        with self.lock:
            return "\n".join(t for _, t in self.lines[-n:])


class EventStream:
    """GET /__briefing/events; a thread puts (monotonic arrival, event, data) on a queue."""

    def __init__(self, port):
        self.events = queue.Queue()
        self.conn = http.client.HTTPConnection(HOST, port, timeout=5.0)
        self.conn.request("GET", "/__briefing/events", headers={"Accept": "text/event-stream"})
        self.resp = self.conn.getresponse()
        if self.resp.status != 200:
            raise SystemExit("events stream: HTTP %d" % self.resp.status)
        self.conn.sock.settimeout(None)  # pings come every 15 s; close() ends the read
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        event, data = None, []
        try:
            while True:
                line = self.resp.readline()
                if not line:
                    break
                line = line.decode("utf-8").rstrip("\r\n")
                if line == "":
                    if event is not None or data:
                        self.events.put((time.monotonic(), event or "message", "\n".join(data)))
                    event, data = None, []
                elif line.startswith(":"):
                    continue  # `: ping`
                elif line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip(" "))
        except Exception:  # close() shut the socket, or the server went away
            pass
        self.events.put((time.monotonic(), "closed", ""))

    def next(self, timeout):
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            return None

    def drain(self):
        out = []
        while True:
            try:
                out.append(self.events.get_nowait())
            except queue.Empty:
                return out

    def close(self):
        try:
            self.conn.sock.shutdown(socket.SHUT_RDWR)
        except (OSError, AttributeError):
            pass
        self.conn.close()


class Browser:
    """Headless Chromium showing one page, driven over the DevTools protocol."""

    def __init__(self, websocket, url, workdir):
        self.ws_mod = websocket
        exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not exe:
            raise RuntimeError("no chromium on PATH")
        self.port = free_port()
        self.profile = os.path.join(workdir, "chromium-profile")
        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking", "--remote-allow-origins=*",
             "--remote-debugging-address=" + HOST, "--remote-debugging-port=%d" % self.port,
             "--user-data-dir=" + self.profile, url],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.messages = queue.Queue()
        self.pending = {}
        self.next_id = 0
        target = self._page_target(url)
        self.ws = websocket.create_connection(target, timeout=10, suppress_origin=True)
        self.ws.settimeout(None)
        threading.Thread(target=self._read, daemon=True).start()
        self.call("Page.enable")
        self.call("Runtime.enable")

    def _page_target(self, url):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("chromium exited with %d" % self.proc.returncode)
            try:
                status, body = get(self.port, "/json/list", timeout=2)
                if status == 200:
                    for t in json.loads(body):
                        if t.get("type") == "page" and t.get("url", "").startswith(url) and t.get("webSocketDebuggerUrl"):
                            return t["webSocketDebuggerUrl"]
            except (OSError, ValueError, http.client.HTTPException):
                pass
            time.sleep(0.1)
        raise RuntimeError("chromium's DevTools endpoint did not list the page within 20 s")

    def _read(self):
        try:
            while True:
                raw = self.ws.recv()
                if not raw:
                    break
                self.messages.put((time.monotonic(), json.loads(raw)))
        except Exception:  # the socket closed: the run is over
            pass
        self.messages.put((time.monotonic(), {"method": "closed"}))

    def call(self, method, params=None, timeout=10.0, events=None):
        """Sends one command and waits for its answer; events seen meanwhile go to `events`."""
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params or {}}))
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError("DevTools: no answer to %s within %.0f s" % (method, timeout))
            try:
                at, msg = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if msg.get("id") == ident:
                if "error" in msg:
                    raise RuntimeError("DevTools %s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            if msg.get("method") == "closed":
                raise RuntimeError("DevTools connection closed")
            if events is not None and "method" in msg:
                events.append((at, msg))

    def loaded(self):
        r = self.call("Runtime.evaluate", {"expression": "document.readyState", "returnByValue": True})
        return r.get("result", {}).get("value") == "complete"

    def has_text(self, text):
        r = self.call("Runtime.evaluate", {"expression": "document.body !== null && document.body.innerText.includes(%s)" % json.dumps(text),
                                           "returnByValue": True})
        return r.get("result", {}).get("value") is True

    def wait_loaded(self, text, timeout):
        """Until a load event after which the page holds `text`: (DOMContentLoaded time, load time)."""
        deadline = time.monotonic() + timeout
        dom = None
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                at, msg = self.messages.get(timeout=left)
            except queue.Empty:
                return None
            method = msg.get("method")
            if method == "closed":
                raise RuntimeError("DevTools connection closed")
            if method == "Page.domContentEventFired":
                dom = at
            elif method == "Page.loadEventFired":
                if self.has_text(text):
                    return dom if dom is not None else at, at
                dom = None

    def drain(self):
        while True:
            try:
                self.messages.get_nowait()
            except queue.Empty:
                return

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass
        stop(self.proc)


def stop(proc, grace=3.0):
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except OSError:
        proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            proc.kill()
        proc.wait(timeout=grace)


def summary(name, values_ms):
    if not values_ms:
        return "| %s | 0 | | | | |" % name
    v = sorted(values_ms)
    p90 = v[min(len(v) - 1, max(0, int(round(0.9 * len(v))) - 1))]  # nearest rank
    return "| %s | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms |" % (name, len(v), v[0], statistics.median(v), p90, v[-1])


def load_average():
    try:
        return "%.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bin")
    ap.add_argument("--size", default="250x8", help="recommendations x questions (default 250x8)")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--port", type=int, default=0, help="default: a free port on 127.0.0.1")
    ap.add_argument("--browser", action="store_true", help="also measure a headless Chromium tab")
    ap.add_argument("--pause", type=float, default=0.5, help="seconds between runs (default 0.5)")
    a = ap.parse_args()
    recs, qs = a.size.split("x")
    binary = os.path.abspath(a.bin)
    if not os.access(binary, os.X_OK):
        raise SystemExit("not an executable: " + binary)

    websocket = None
    if a.browser:
        try:
            import websocket  # websocket-client
        except ImportError:
            print("browser mode unavailable: the websocket-client package is missing "
                  "(pip install websocket-client); measuring without the browser\n")
            a.browser = False

    work = tempfile.mkdtemp(prefix="briefing-serve-latency-")
    server = stream = browser = None
    try:
        corpus = os.path.join(work, "site")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), recs, qs, corpus],
                       check=True, stdout=subprocess.DEVNULL, timeout=300)
        port = a.port or free_port()
        server = subprocess.Popen([binary, "serve", "-v", "--source", corpus, "--port", str(port)],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  start_new_session=True)
        log = ServerLog(server.stderr)

        def up():
            if server.poll() is not None:
                raise SystemExit("briefing serve exited with %d:\n%s" % (server.returncode, log.tail()))
            try:
                return get(port, "/", timeout=2)[0] == 200
            except (OSError, http.client.HTTPException):
                return False
        wait_until(up, 120, what="the first build (GET / → 200)")
        stream = EventStream(port)
        hello = stream.next(EVENT_TIMEOUT)
        if not hello or hello[1] != "hello":
            raise SystemExit("events stream: expected hello, got %r" % (hello,))

        edited = os.path.join(corpus, EDITED)
        original = open(edited, encoding="utf-8").read()
        url = "http://%s:%d%s" % (HOST, port, PAGE)
        if a.browser:
            try:
                browser = Browser(websocket, url, work)
                wait_until(browser.loaded, 20, what="the page to load in chromium")
            except Exception as e:  # report and go on without the browser
                print("browser mode unavailable: %s\n" % e)
                if browser:
                    browser.close()
                browser = None

        print("%s, corpus %s, %d runs, %d cores, load average before %s; port %d%s\n" % (
            time.strftime("%Y-%m-%d %H:%M:%S %Z"), a.size, a.runs, os.cpu_count(), load_average(), port,
            ", with headless Chromium" if browser else ""))

        time.sleep(a.pause)
        stream.drain()
        if browser:
            browser.drain()
        reload_ms, page_ms, dom_ms, loaded_ms, built_ms = [], [], [], [], []
        stages = {}
        problems = []
        marker = os.urandom(3).hex()
        for run in range(a.runs):
            token = "Latencyprobe%s run %d edited." % (marker, run)
            mark = log.count()
            t0 = time.monotonic()
            with open(edited, "w", encoding="utf-8") as f:
                f.write(original.rstrip("\n") + "\n\n" + token + "\n")
            ev = None
            deadline = t0 + EVENT_TIMEOUT
            while True:
                ev = stream.next(max(0.0, deadline - time.monotonic()))
                if ev is None or ev[1] in ("reload", "failed", "closed"):
                    break
            if ev is None:
                problems.append("run %d: no event within %.0f s" % (run, EVENT_TIMEOUT))
            elif ev[1] != "reload":
                problems.append("run %d: %s event: %s" % (run, ev[1], ev[2][:300]))
            else:
                reload_ms.append((ev[0] - t0) * 1000)
                status, body = get(port, PAGE)
                t_page = time.monotonic()
                if status == 200 and token.encode() in body:
                    page_ms.append((t_page - t0) * 1000)
                else:
                    problems.append("run %d: after reload, %s gave %d without the new text" % (run, PAGE, status))
            if browser:
                try:
                    got = browser.wait_loaded(token, max(0.5, t0 + EVENT_TIMEOUT - time.monotonic()))
                except RuntimeError as e:
                    got = None
                    problems.append("run %d: browser: %s" % (run, e))
                if got:
                    dom_ms.append((got[0] - t0) * 1000)
                    loaded_ms.append((got[1] - t0) * 1000)
                else:
                    problems.append("run %d: the tab did not show the new text within %.0f s" % (run, EVENT_TIMEOUT))
            time.sleep(a.pause)
            extra = [e for e in stream.drain() if e[1] != "hello"]
            if extra:
                problems.append("run %d: %d more event(s) after the first: %s" % (run, len(extra), ", ".join(e[1] for e in extra)))
            if browser:
                browser.drain()
            for _, line in log.since(mark):
                m = re.match(r"built .* in (\d+) ms", line)
                if m:
                    built_ms.append(float(m.group(1)))
                m = re.match(r"\s+(\S.*?)\s+([\d.]+) ms$", line)
                if m:
                    stages.setdefault(m.group(1), []).append(float(m.group(2)))

        print("| from the write to | n | min | median | p90 | max |")
        print("|---|---|---|---|---|---|")
        print(summary("`reload` event on the events stream", reload_ms))
        print(summary("page fetched with the new text", page_ms))
        if browser:
            print(summary("Chromium: reloaded tab's DOMContentLoaded, new text", dom_ms))
            print(summary("Chromium: reloaded tab's load event, new text", loaded_ms))
        print(summary("(server: `built ... in N ms`, the build alone)", built_ms))
        if stages:
            print("\nserver stage medians (-v): " + ", ".join(
                "%s %.1f ms" % (name, statistics.median(v)) for name, v in stages.items()))
        if problems:
            print("\nproblems:\n  " + "\n  ".join(problems))
        print("\nload average after: %s" % load_average())
        return 1 if problems else 0
    finally:
        if browser:
            browser.close()
        if stream:
            stream.close()
        stop(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
