/* Questions page: the status and team filters, applied in place.
   Without JavaScript the same links lead to static pages (questions/open/…)
   and to team anchors; this only makes them instant. On the page of all
   questions both filters work here, and the choice is kept in the address
   (?status=open&team=gdd) so it survives a reload. */
(function () {
  "use strict";
  var nav = document.querySelector("nav.filters");
  if (!nav) return;
  var scope = nav.getAttribute("data-scope") || "all";
  var summary = document.getElementById("filter-summary");
  var questions = Array.prototype.slice.call(document.querySelectorAll("article.question"));
  var teamNames = {};
  nav.querySelectorAll("a[data-team]").forEach(function (a) {
    teamNames[a.getAttribute("data-team")] = a.firstChild.textContent.trim();
  });
  var state = { status: scope === "all" ? "" : scope, team: "" };

  var params = new URLSearchParams(window.location.search);
  if (scope === "all" && /^(open|answered|withdrawn)$/.test(params.get("status") || "")) state.status = params.get("status");
  if (params.get("team") && teamNames[params.get("team")] !== undefined) state.team = params.get("team");

  nav.querySelectorAll("li[hidden]").forEach(function (li) { li.hidden = false; });

  function teamOf(el) {
    var group = el.closest(".team-group");
    return group ? group.getAttribute("data-team") : "";
  }

  function apply() {
    var shown = 0;
    questions.forEach(function (q) {
      var ok = (!state.status || q.classList.contains("status-" + state.status)) && (!state.team || teamOf(q) === state.team);
      q.hidden = !ok;
      if (ok) shown += 1;
    });
    document.querySelectorAll(".rec-group, .team-group").forEach(function (g) {
      g.hidden = !g.querySelector("article.question:not([hidden])");
    });
    nav.querySelectorAll("a[data-status]").forEach(function (a) {
      if (scope === "all") {
        if (a.getAttribute("data-status") === state.status) a.setAttribute("aria-current", "page");
        else a.removeAttribute("aria-current");
      }
    });
    nav.querySelectorAll("a[data-team]").forEach(function (a) {
      if (a.getAttribute("data-team") === state.team) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    if (summary) {
      var what = (state.status ? state.status + " " : "") + (shown === 1 ? "question" : "questions");
      summary.textContent = shown === questions.length && !state.status && !state.team ? "" :
        "Showing " + shown + " " + what + (state.team ? " of " + teamNames[state.team] : "") + ".";
    }
  }

  function remember() {
    if (scope !== "all" && !state.team) return;
    try {
      var url = new URL(window.location.href);
      url.hash = "";
      ["status", "team"].forEach(function (k) {
        if (state[k] && !(k === "status" && scope !== "all")) url.searchParams.set(k, state[k]); else url.searchParams.delete(k);
      });
      window.history.replaceState(null, "", url.toString());
    } catch (e) { /* some file:// browsers refuse; the filter still applies */ }
  }

  nav.addEventListener("click", function (e) {
    var a = e.target.closest("a.filter");
    if (!a) return;
    if (a.hasAttribute("data-status")) {
      if (scope !== "all") return;  // a static status page: follow the link
      state.status = a.getAttribute("data-status");
    } else {
      var team = a.getAttribute("data-team");
      state.team = state.team === team ? "" : team;
    }
    e.preventDefault();
    apply();
    remember();
  });

  // Also with no filter chosen: it marks "All teams" as the current choice.
  apply();
})();
