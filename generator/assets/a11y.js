/* Accessibility fixes to the theme's own markup, found by axe-core in the browser tests.
 *
 * Material's search is a role="dialog" without an accessible name (aria-dialog-name).
 */
(function () {
  "use strict";
  var search = document.querySelector(".md-search[role='dialog']");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
})();
