/* Search page: reads ?q= from the address, searches the documents of
   search-index.js with lunr (assets/lunr.min.js, from Debian's libjs-lunr), and
   lists results linking to each question's anchor. The index arrives as a
   script rather than by fetch() so search also works from file://. Results are
   built with DOM calls and textContent, never innerHTML, so content cannot
   inject markup. */
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var form = input && input.form;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var data = window.briefingSearchIndex;
  if (!input || !list || !status) return;
  if (!window.lunr || !data) {
    status.textContent = "Search could not load its index. Browse the questions page instead.";
    return;
  }

  var root = list.getAttribute("data-root") || "";
  var labels = { open: "Open", answered: "Answered", withdrawn: "Withdrawn" };
  var kinds = { recommendation: "Recommendation", question: "Question", meeting: "Meeting" };
  var docs = {};
  data.documents.forEach(function (d) { docs[d.ref] = d; });

  var index = lunr(function () {
    this.ref("ref");
    // "11" should find recommendation 11 first, then its questions 11.1, 11.2 … (prefix matches).
    this.field("number", { boost: 20 });
    this.field("title", { boost: 8 });
    this.field("context", { boost: 2 });
    this.field("text");
    this.field("answer");
    // Where each word matched, to show and highlight the passage.
    this.metadataWhitelist = ["position"];
    data.documents.forEach(function (d) { this.add(d); }, this);
  });

  /* Every word must match (a search narrows as one types), as a prefix so
     partial words find whole ones. Stop words are dropped: the index has none,
     so requiring "the" would find nothing. lunr would stem "registry*" as
     written and miss the indexed stem "registri", so each word is stemmed
     first and the wildcard goes on the stem. */
  function search(text) {
    var words = lunr.tokenizer(text).map(function (t) {
      return lunr.trimmer(t).toString();
    }).filter(function (w) {
      return w !== "" && lunr.stopWordFilter(w) !== undefined;
    });
    if (!words.length) return [];
    return index.query(function (q) {
      words.forEach(function (w) {
        var stem = lunr.stemmer(new lunr.Token(w)).toString();
        q.term(stem, { presence: lunr.Query.presence.REQUIRED, wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false });
        q.term(stem, { boost: 10, usePipeline: false });
      });
    });
  }

  /* The first field with a match, cut to a passage around it, as text and
     <mark> nodes. */
  function snippet(doc, matchData) {
    var spans = { text: [], answer: [], title: [], context: [] };
    Object.keys(matchData.metadata).forEach(function (term) {
      var fields = matchData.metadata[term];
      Object.keys(fields).forEach(function (f) {
        if (spans[f] && fields[f].position) spans[f] = spans[f].concat(fields[f].position);
      });
    });
    var field = ["answer", "text"].filter(function (f) { return spans[f].length; })[0] || "text";
    var source = doc[field] || "";
    // lunr's positions span whole tokens, trailing punctuation included ("registries.").
    var marks = spans[field].map(function (m) {
      var len = m[1];
      while (len > 1 && /[^\w]/.test(source.charAt(m[0] + len - 1))) len -= 1;
      return [m[0], len];
    }).sort(function (a, b) { return a[0] - b[0]; });
    var start = marks.length ? Math.max(0, marks[0][0] - 60) : 0;
    var end = Math.min(source.length, start + 240);
    if (start > 0) { var sp = source.indexOf(" ", start); if (sp > 0 && sp < marks[0][0]) start = sp + 1; }
    var p = element("p", "result-snippet");
    if (field === "answer") p.appendChild(element("strong", "", "Answer: "));
    var at = start;
    if (start > 0) p.appendChild(document.createTextNode("…"));
    marks.forEach(function (m) {
      if (m[0] < at || m[0] + m[1] > end) return;
      p.appendChild(document.createTextNode(source.slice(at, m[0])));
      p.appendChild(element("mark", "", source.slice(m[0], m[0] + m[1])));
      at = m[0] + m[1];
    });
    p.appendChild(document.createTextNode(source.slice(at, end) + (end < source.length ? "…" : "")));
    return p;
  }

  // An element with a class and, when given, text (as text, never as markup).
  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function item(result) {
    var doc = docs[result.ref];
    var li = element("li", "result result-" + doc.kind);
    var head = element("p", "result-head");
    head.appendChild(element("span", "result-kind", kinds[doc.kind] || doc.kind));
    var a = element("a", "", doc.title);
    a.href = root + doc.url;
    head.appendChild(a);
    if (doc.status) head.appendChild(element("span", "status status-" + doc.status, labels[doc.status] || doc.status));
    if (doc.team) head.appendChild(element("span", "team-badge", doc.team));
    li.appendChild(head);
    if (doc.context) li.appendChild(element("p", "result-context", doc.context));
    li.appendChild(snippet(doc, result.matchData));
    return li;
  }

  function show(text) {
    while (list.firstChild) list.removeChild(list.firstChild);
    text = text.trim();
    if (!text) {
      status.textContent = "Enter words to search for, such as a question id (11.13) or a topic (registry).";
      return;
    }
    var results = search(text);
    results.forEach(function (r) { list.appendChild(item(r)); });
    status.textContent = (results.length === 0 ? "No results" : results.length === 1 ? "1 result" : results.length + " results") +
      " for “" + text + "”.";
  }

  // Keep ?q= in the address so a search can be bookmarked and shared.
  function remember(text) {
    try {
      var url = new URL(window.location.href);
      if (text) url.searchParams.set("q", text); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.toString());
    } catch (e) { /* some file:// browsers refuse; the search still works */ }
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); remember(input.value.trim()); }, 120);
  });
  if (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      show(input.value);
      remember(input.value.trim());
    });
  }

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  show(initial);
})();
