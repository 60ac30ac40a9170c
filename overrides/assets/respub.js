// respub: the "Cite" and "Copy link" buttons. Without JavaScript they stay hidden and the citation
// is still there as text (a <details> under each paragraph). A pasted search query searches, and the
// language selector keeps the paragraph.
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

  // A language in the selector leads to the same page in that language, at the same paragraph: the ids
  // are the same in every language, so the link follows the address's #fragment as it changes.
  function keepFragment(root) {
    root.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      var url = new URL(link.href, location.href);
      url.hash = location.hash;
      link.href = url.href;
    });
  }
  window.addEventListener("hashchange", function () { keepFragment(document); });

  // material's alternate-language script takes each `link rel=alternate` of the head for a language's
  // home: it fetches `sitemap.xml` beside it (ours name the page itself, hreflang: a 404 for each), then
  // turns a click on a language into a visit to the page without its #fragment. It reads the links
  // once, on DOMContentLoaded, in a listener registered before this script ran: the links are hidden
  // from it until then, and restored as they are in the page's source just after.
  var alternates = document.querySelectorAll('head link[rel="alternate"]');
  alternates.forEach(function (link) { link.setAttribute("rel", "respub-alternate"); });
  document.addEventListener("DOMContentLoaded", function () {
    alternates.forEach(function (link) { link.setAttribute("rel", "alternate"); });
  });

  // material's instant navigation swaps pages without a reload: document$ tells us when.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () {
      setUp(document); searchOnInput(); markLanguage(document); keepFragment(document);
    });
  } else {
    document.addEventListener("DOMContentLoaded", function () {
      setUp(document); searchOnInput(); markLanguage(document); keepFragment(document);
    });
  }
})();
