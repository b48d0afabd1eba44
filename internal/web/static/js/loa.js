// Small behaviours that work with or without htmx: confirmation before destructive
// actions, "/" to jump to the search box, and focus on the error summary of a form
// shown again so keyboard and screen-reader users land on what went wrong.
(function () {
  "use strict";
  document.addEventListener("submit", function (e) {
    var form = e.target;
    var msg = form.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) {
      e.preventDefault();
      return;
    }
    // A second click while the first submit is on its way does nothing.
    if (form.dataset.submitting === "1") {
      e.preventDefault();
      return;
    }
    form.dataset.submitting = "1";
    setTimeout(function () { form.dataset.submitting = ""; }, 4000);
  }, true);
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    var box = document.querySelector("input[type=search]");
    if (box) { e.preventDefault(); box.focus(); }
  });
  // Folds Vietnamese for matching as the server does: no case, no marks, đ as d.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  // A search box with data-filter-tree="ID" hides the tree rows that do not match,
  // keeping the ancestors of those that do.
  function filterTree(input) {
    var tree = document.getElementById(input.getAttribute("data-filter-tree"));
    if (!tree) return;
    var q = fold(input.value.trim());
    var items = tree.querySelectorAll("li[data-search]");
    items.forEach(function (li) { li.hidden = q !== ""; });
    if (q === "") return;
    items.forEach(function (li) {
      if (fold(li.getAttribute("data-search")).indexOf(q) < 0) return;
      for (var n = li; n && n !== tree; n = n.parentElement) {
        if (n.tagName === "LI") n.hidden = false;
      }
    });
  }
  document.addEventListener("input", function (e) {
    if (e.target.hasAttribute && e.target.hasAttribute("data-filter-tree")) filterTree(e.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    var errors = document.getElementById("form-errors");
    if (errors) errors.focus();
  });
})();
