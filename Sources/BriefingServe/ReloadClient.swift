/// The browser half of live reload, served from `/__briefing/` by the dev server only.
///
/// The overlay is built with DOM calls and `textContent` (never `innerHTML`), so a
/// message quoting `<script>` from a content file shows as text. Its look comes from
/// `overlay.css`, a same-origin file, because the site's CSP forbids inline styles.
enum ReloadClient {
    static let script = #"""
    // Briefing dev server: reloads this tab after a rebuild; shows build errors over the page.
    (function () {
      "use strict";
      var self = document.currentScript;
      var site = self ? self.getAttribute("data-site") : null;
      var overlay = null;

      function element(tag, className, text) {
        var e = document.createElement(tag);
        if (className) e.className = className;
        if (text !== undefined) e.textContent = text;
        return e;
      }

      function useStylesheet() {
        if (document.getElementById("briefing-serve-style")) return;
        var link = document.createElement("link");
        link.id = "briefing-serve-style";
        link.rel = "stylesheet";
        link.href = "/__briefing/overlay.css";
        (document.head || document.documentElement).appendChild(link);
      }

      function hide() {
        if (overlay) { overlay.remove(); overlay = null; }
      }

      function show(diagnostics) {
        hide();
        useStylesheet();
        var errors = diagnostics.filter(function (d) { return d.severity === "error"; }).length;
        overlay = element("div", "briefing-serve-overlay");
        overlay.setAttribute("role", "alertdialog");
        overlay.setAttribute("aria-labelledby", "briefing-serve-title");
        var panel = element("div", "briefing-serve-panel");
        var title = element("h2", "briefing-serve-title",
          "Build failed: " + errors + (errors === 1 ? " error" : " errors"));
        title.id = "briefing-serve-title";
        panel.appendChild(title);
        panel.appendChild(element("p", "briefing-serve-note",
          "This tab still shows the last good build. Fix the file and save: the page reloads when the build succeeds."));
        var list = element("ol", "briefing-serve-list");
        // Errors first: they are why the build failed; warnings only come along.
        var ordered = diagnostics.filter(function (d) { return d.severity === "error"; })
          .concat(diagnostics.filter(function (d) { return d.severity !== "error"; }));
        ordered.forEach(function (d) {
          var item = element("li", "briefing-serve-" + (d.severity === "error" ? "error" : "warning"));
          item.appendChild(element("code", "briefing-serve-where", d.path + ":" + d.line + ":" + d.column));
          item.appendChild(element("span", "briefing-serve-severity", d.severity));
          item.appendChild(element("span", "briefing-serve-message", d.message));
          list.appendChild(item);
        });
        panel.appendChild(list);
        var close = element("button", "briefing-serve-close", "Dismiss");
        close.type = "button";
        close.addEventListener("click", hide);
        panel.appendChild(close);
        overlay.appendChild(panel);
        document.body.appendChild(overlay);
      }

      var failure = document.getElementById("briefing-serve-failure");
      if (failure) {
        try { show(JSON.parse(failure.textContent)); } catch (e) { /* the stream will tell */ }
      }

      if (!window.EventSource) return;
      var events = new EventSource("/__briefing/events");
      events.addEventListener("hello", function (e) {
        var status = JSON.parse(e.data);
        // A build finished while this page loaded, or the server restarted: catch up.
        if (site !== null && status.site !== site) { location.reload(); return; }
        if (status.diagnostics) show(status.diagnostics); else hide();
      });
      events.addEventListener("reload", function () { location.reload(); });
      events.addEventListener("failed", function (e) { show(JSON.parse(e.data).diagnostics); });
    })();

    """#

    static let stylesheet = #"""
    /* Briefing dev server: the build-error overlay. */
    .briefing-serve-overlay {
      position: fixed; inset: 0; z-index: 2147483647;
      display: flex; align-items: flex-start; justify-content: center;
      padding: 6vh 1rem; overflow: auto; box-sizing: border-box;
      background: rgba(17, 17, 22, 0.72);
      font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
    }
    .briefing-serve-panel {
      width: 100%; max-width: 60rem; box-sizing: border-box;
      padding: 1.25rem 1.5rem 1rem; border-radius: 6px;
      border-top: 6px solid #c62828; background: #fff; color: #1b1b1f;
      box-shadow: 0 12px 40px rgba(0, 0, 0, 0.35);
    }
    .briefing-serve-title { margin: 0 0 0.25rem; font-size: 1.3rem; color: #b71c1c; }
    .briefing-serve-note { margin: 0 0 1rem; color: #44474f; }
    .briefing-serve-list { margin: 0 0 1rem; padding: 0; list-style: none; }
    .briefing-serve-list li {
      margin: 0 0 0.6rem; padding: 0.5rem 0.75rem; border-left: 4px solid #c62828;
      background: #fdf0f0; overflow-wrap: anywhere;
    }
    .briefing-serve-list li.briefing-serve-warning { border-left-color: #b26a00; background: #fff6e5; }
    .briefing-serve-where {
      display: block; margin: 0; padding: 0; border: 0; background: none; color: inherit;
      font: 600 0.9rem/1.4 ui-monospace, "DejaVu Sans Mono", monospace;
    }
    .briefing-serve-severity {
      margin-right: 0.5rem; font-size: 0.75rem; font-weight: 700; text-transform: uppercase; color: #b71c1c;
    }
    .briefing-serve-warning .briefing-serve-severity { color: #8a5200; }
    .briefing-serve-message { white-space: pre-wrap; }
    .briefing-serve-close {
      font: inherit; padding: 0.35rem 0.9rem; border: 1px solid #8a8d96; border-radius: 4px;
      background: #f3f3f6; color: #1b1b1f; cursor: pointer;
    }
    @media (prefers-color-scheme: dark) {
      .briefing-serve-panel { background: #1e1f24; color: #e6e6ea; }
      .briefing-serve-title { color: #ff8a80; }
      .briefing-serve-note { color: #b9bcc6; }
      .briefing-serve-list li { background: #3a1f22; }
      .briefing-serve-list li.briefing-serve-warning { background: #3a2e17; }
      .briefing-serve-severity { color: #ff8a80; }
      .briefing-serve-warning .briefing-serve-severity { color: #ffcc80; }
      .briefing-serve-close { background: #2c2d33; color: #e6e6ea; }
    }
    @media print { .briefing-serve-overlay { display: none; } }

    """#
}
