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

  // The plan editor: each section saves itself; after a save the plan's new version
  // goes into every section's form so the next save is not taken for a stale one.
  document.addEventListener("htmx:afterRequest", function (e) {
    var xhr = e.detail.xhr;
    var v = xhr && xhr.getResponseHeader("X-Plan-Version");
    if (!v) return;
    document.querySelectorAll("input.plan-rv").forEach(function (i) { i.value = v; });
  });
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-confirm-click]");
    if (b && !window.confirm(b.getAttribute("data-confirm-click"))) e.preventDefault();
  }, true);

  // Drag and drop of list rows ([data-sortable] holds [data-row] children). After a
  // drop the form is submitted with op=renumber, so the new order is saved.
  var dragged = null;
  document.addEventListener("dragstart", function (e) {
    var row = e.target.closest && e.target.closest("[data-row]");
    if (!row) return;
    dragged = row;
    row.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", "");
  });
  document.addEventListener("dragover", function (e) {
    if (!dragged) return;
    var over = e.target.closest && e.target.closest("[data-row]");
    if (!over || over === dragged || over.parentNode !== dragged.parentNode) return;
    e.preventDefault();
    var r = over.getBoundingClientRect();
    var after = (e.clientY - r.top) > r.height / 2;
    over.parentNode.insertBefore(dragged, after ? over.nextSibling : over);
  });
  document.addEventListener("dragend", function () {
    if (!dragged) return;
    dragged.classList.remove("dragging");
    var form = dragged.closest("form");
    dragged = null;
    if (!form) return;
    var op = document.createElement("input");
    op.type = "hidden"; op.name = "op"; op.value = "renumber";
    form.appendChild(op);
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });

  // Agency pickers: an input with data-picker suggests agencies as the user types,
  // matched by the server without caring for diacritics; arrows and Enter choose.
  var timer = null;
  function closePicker(box) { if (box) box.remove(); }
  document.addEventListener("input", function (e) {
    var input = e.target;
    if (!input.hasAttribute || !input.hasAttribute("data-picker")) return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      var wrap = input.parentNode;
      var old = wrap.querySelector(".picker-results, .picker-empty");
      if (q.length < 2) { closePicker(old); return; }
      fetch("/agencies/search?q=" + encodeURIComponent(q), { headers: { "HX-Request": "true" } })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          closePicker(wrap.querySelector(".picker-results, .picker-empty"));
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var list = holder.querySelector(".picker-results");
          if (!list) return;
          wrap.classList.add("picker");
          input.insertAdjacentElement("afterend", list);
        });
    }, 200);
  });
  function choose(li) {
    var list = li.parentNode;
    var input = list.previousElementSibling;
    input.value = li.getAttribute("data-name");
    list.remove();
    input.dispatchEvent(new Event("change", { bubbles: true }));
    input.focus();
  }
  document.addEventListener("mousedown", function (e) {
    var li = e.target.closest && e.target.closest(".picker-results li");
    if (li) { e.preventDefault(); choose(li); }
  });
  document.addEventListener("keydown", function (e) {
    var input = e.target;
    if (!input.hasAttribute || !input.hasAttribute("data-picker")) return;
    var list = input.nextElementSibling;
    if (!list || !list.classList.contains("picker-results")) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("li"));
    var cur = items.findIndex(function (li) { return li.getAttribute("aria-selected") === "true"; });
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      var next = e.key === "ArrowDown" ? Math.min(cur + 1, items.length - 1) : Math.max(cur - 1, 0);
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === next ? "true" : "false"); });
    } else if (e.key === "Enter" && cur >= 0) {
      e.preventDefault();
      choose(items[cur]);
    } else if (e.key === "Escape") {
      list.remove();
    }
  });
  document.addEventListener("focusout", function (e) {
    var input = e.target;
    if (!input.hasAttribute || !input.hasAttribute("data-picker")) return;
    setTimeout(function () {
      var list = input.nextElementSibling;
      if (list && list.classList.contains("picker-results")) list.remove();
    }, 150);
  });

  // Charts: a canvas with data-chart holds its data as JSON; Chart.js draws it when
  // the page loaded it. The same figures are in a table beside each chart.
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Chart) return;
    document.querySelectorAll("canvas[data-chart]").forEach(function (c) {
      var cfg = JSON.parse(c.getAttribute("data-chart"));
      var colors = cfg.colors || ["#0b4f8a"];
      new window.Chart(c, {
        type: cfg.type,
        data: { labels: cfg.labels, datasets: [{ label: cfg.label || "", data: cfg.data, backgroundColor: colors, borderWidth: 0 }] },
        options: {
          indexAxis: cfg.horizontal ? "y" : "x",
          responsive: true, maintainAspectRatio: false, animation: false,
          plugins: { legend: { display: cfg.type === "doughnut" } },
          scales: cfg.type === "doughnut" ? {} : { x: { max: cfg.horizontal ? cfg.max : undefined, beginAtZero: true }, y: { beginAtZero: true } }
        }
      });
    });
  });
})();
