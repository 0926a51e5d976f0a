/* Tag filters on index pages: show only the table rows carrying the chosen tags.
 *
 * Without JavaScript the bar stays hidden and every row shows.
 */
(function () {
  "use strict";
  document.querySelectorAll(".fs-filter").forEach(function (bar) {
    var table = bar.parentElement.querySelector("table") || document.querySelector(".md-content table");
    var next = bar.nextElementSibling;
    while (next && next.tagName !== "TABLE" && !next.querySelector("table")) next = next.nextElementSibling;
    if (next) table = next.tagName === "TABLE" ? next : next.querySelector("table");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var chosen = {};

    function tagsOf(row) {
      var cell = row.querySelector(".fs-tags");
      return cell ? cell.textContent.split(",").map(function (t) { return t.trim(); }) : [];
    }

    function apply() {
      var want = Object.keys(chosen);
      rows.forEach(function (row) {
        var have = tagsOf(row);
        row.hidden = !want.every(function (t) { return have.indexOf(t) >= 0; });
      });
    }

    bar.querySelectorAll("button[data-tag]").forEach(function (button) {
      button.addEventListener("click", function () {
        var tag = button.getAttribute("data-tag");
        if (chosen[tag]) delete chosen[tag]; else chosen[tag] = true;
        button.setAttribute("aria-pressed", chosen[tag] ? "true" : "false");
        apply();
      });
    });
    bar.hidden = false;
  });
})();
