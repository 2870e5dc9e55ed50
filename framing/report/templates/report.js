"use strict";
// Filters: an unchecked box hides the outlet's entries and table columns, hides the text of a
// voice (leaving a "[…]" marker), or switches off the highlight of a term category. Values are
// compared with data-* attributes, never put into selectors or markup.
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));

  function off(kind) {
    var values = new Set();
    boxes.forEach(function (box) {
      if (box.dataset.filter === kind && !box.checked) { values.add(box.value); }
    });
    return values;
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function apply() {
    var outlets = off("outlet"), categories = off("category"), voices = off("voice");
    each("[data-outlet]", function (el) {
      el.classList.toggle("off-outlet", outlets.has(el.dataset.outlet));
    });
    each(".term[data-category]", function (el) {
      el.classList.toggle("off-category", categories.has(el.dataset.category));
    });
    each(".voice[data-voice]", function (el) {
      el.classList.toggle("off-voice", voices.has(el.dataset.voice));
    });
    each(".elided[data-voice]", function (el) {
      el.classList.toggle("show", voices.has(el.dataset.voice));
    });
  }

  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  each("button[data-all]", function (button) {
    button.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = true; });
      apply();
    });
  });
  // Closed sections would not print: open them all before printing.
  window.addEventListener("beforeprint", function () {
    each("details", function (el) { el.open = true; });
  });
  apply();
})();
