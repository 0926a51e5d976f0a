/* The search page: Pagefind's interface, loaded from this site's pagefind/ folder.
 *
 * The factsheet plugin runs Pagefind after each build; nothing is fetched from another host.
 */
(function () {
  "use strict";
  var box = document.getElementById("fs-search");
  if (!box) return;
  var root = new URL("../../", document.currentScript ? document.currentScript.src : location.href);
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("pagefind/pagefind-ui.css", root).href;
  document.head.appendChild(css);
  var script = document.createElement("script");
  script.src = new URL("pagefind/pagefind-ui.js", root).href;
  script.onload = function () {
    new window.PagefindUI({ element: "#fs-search", showSubResults: true, showImages: false, resetStyles: false });
    var input = box.querySelector("input");
    if (input) {
      input.id = "fs-search-input"; // the page's visible <label> names it
      input.focus();
    }
  };
  document.head.appendChild(script);
})();
