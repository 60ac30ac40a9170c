// respub: the "Cite" and "Copy link" buttons. Without JavaScript they stay hidden and the citation
// is still there as text (a <details> under each paragraph). And a pasted search query searches.
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

  // Material reads the search box on keyup (and on focus): a query pasted with the mouse, dropped, or
  // entered by an input method or a dictation tool would wait for a key press. Every change of the
  // box's text fires `input`: it is passed on as the keyup material listens to.
  function searchOnInput() {
    var box = document.querySelector("input.md-search__input");
    if (!box || box.dataset.respubInput) return;
    box.dataset.respubInput = "1";
    box.addEventListener("input", function () {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
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
    window.document$.subscribe(function () { setUp(document); searchOnInput(); markLanguage(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); searchOnInput(); markLanguage(document); });
  }
})();
