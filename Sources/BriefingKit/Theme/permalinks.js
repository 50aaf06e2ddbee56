/* "Copy link" beside each question id. The id itself is the permalink (a plain
   link that works without JavaScript); the button copies the public address
   when the site has a base_url, or the address in the browser otherwise. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button.copy-link");
  if (!buttons.length || !navigator.clipboard) return;  // buttons stay hidden
  buttons.forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var url = b.getAttribute("data-url");
      if (!url) {
        var a = b.parentNode.querySelector("a.anchor");
        url = a ? a.href : window.location.href;
      }
      navigator.clipboard.writeText(url).then(function () {
        b.textContent = "Copied";
      }, function () {
        b.textContent = "Copy failed";
      });
      setTimeout(function () { b.textContent = "Copy link"; }, 2000);
    });
  });
})();
