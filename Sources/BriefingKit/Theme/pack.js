/* Briefing pack: a "Print" button, shown only when it can work. */
(function () {
  "use strict";
  var button = document.querySelector("button.print-button");
  if (!button || typeof window.print !== "function") return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
