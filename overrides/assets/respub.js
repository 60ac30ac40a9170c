// respub: the "Cite" and "Copy link" buttons. Without JavaScript they stay hidden and the citation
// is still there as text (a <details> under each paragraph).
(function () {
  "use strict";

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      done ? resolve() : reject(new Error("copy failed"));
    });
  }

  function setUp(root) {
    root.querySelectorAll("button.rp-copy").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var announce = button.parentElement.querySelector(".rp-announce");
        copy(button.dataset.copy).then(function () {
          if (announce) {
            announce.textContent = "";
            window.setTimeout(function () { announce.textContent = button.dataset.done; }, 50);
          }
        });
      });
    });
  }

  // The language selector marks the current language.
  function markLanguage(root) {
    var lang = document.documentElement.lang;
    root.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      if (link.getAttribute("hreflang") === lang) link.setAttribute("aria-current", "true");
    });
  }

  // material's instant navigation swaps pages without a reload: document$ tells us when.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { setUp(document); markLanguage(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); markLanguage(document); });
  }
})();
