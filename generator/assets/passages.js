/* Source pages that point: the passage a link leads to stands out, and the reader can step
 * through the cited passages in text order.
 *
 * A passage split by nesting is several <mark>s: the first carries its id (and is the
 * :target), the rest say data-continues="<id>". CSS alone cannot tie those to the target,
 * so every piece gets the class fs-current here. The navigator is built with DOM calls
 * and text only; ids are compared, never inserted as markup.
 */
(function () {
  "use strict";
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.fs-cited[id]"));
  if (!marks.length) return;
  var article = marks[0].closest("article") || document.body;
  // Document order of the first pieces is text order: a passage's first piece opens where it begins.
  var order = {};
  marks.forEach(function (m, i) { order[m.id] = i; });
  var current = -1;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  // "Previous" and "Next" are read as "Previous cited passage"; the arrows are not read at all.
  function button(arrow, word, after) {
    var b = el("button", "fs-passages-step");
    b.type = "button";
    var a = el("span", "fs-passages-arrow", arrow);
    a.setAttribute("aria-hidden", "true");
    var label = el("span", "fs-passages-word", word);
    var rest = el("span", "fs-sr", " cited passage");
    if (after) b.append(label, rest, " ", a); else b.append(a, " ", label, rest);
    return b;
  }

  var nav = el("nav", "fs-passages");
  nav.setAttribute("aria-label", "Cited passages");
  var count = el("span", "fs-passages-count");
  var prev = button("←", "Previous", false);
  var next = button("→", "Next", true);
  // Announced when the passage changes; the visible counter alone would not say which words.
  var live = el("span", "fs-sr");
  live.setAttribute("aria-live", "polite");
  nav.append(count, prev, next, live);
  // Above the article's first paragraph, which need not hold a passage.
  var first = article.querySelector("p.fs-para") || marks[0].closest("p") || marks[0];
  first.parentNode.insertBefore(nav, first);

  function pieces(id) {
    var all = [document.getElementById(id)];
    document.querySelectorAll("mark.fs-cited[data-continues]").forEach(function (m) {
      if (m.getAttribute("data-continues") === id) all.push(m);
    });
    return all;
  }

  function words(id) {
    var text = pieces(id).map(function (m) { return m.textContent; }).join("").replace(/\s+/g, " ").trim();
    return text.length > 120 ? text.slice(0, 119) + "…" : text;
  }

  function able(b, on) {
    // aria-disabled rather than disabled: a disabled button drops keyboard focus to the page.
    b.setAttribute("aria-disabled", on ? "false" : "true");
  }

  function update() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ""; }
    var was = current;
    current = Object.prototype.hasOwnProperty.call(order, id) ? order[id] : -1;
    document.querySelectorAll("mark.fs-current").forEach(function (m) { m.classList.remove("fs-current", "fs-current-end"); });
    document.querySelectorAll(".fs-current-item").forEach(function (li) { li.classList.remove("fs-current-item"); });
    article.classList.toggle("fs-pointing", current >= 0);
    nav.classList.toggle("fs-pointing", current >= 0);
    if (current >= 0) {
      var all = pieces(id);
      all.forEach(function (m) { m.classList.add("fs-current"); });
      // The frame's closing side goes on the last piece in text order.
      all[all.length - 1].classList.add("fs-current-end");
      // And in the list under the paragraph, the line naming the records that cite this passage.
      article.querySelectorAll("li > a[href^='#q-']").forEach(function (a) {
        if (a.getAttribute("href") === "#" + id) a.parentNode.classList.add("fs-current-item");
      });
      count.textContent = "Passage " + (current + 1) + " of " + marks.length + " cited";
      next.querySelector(".fs-passages-word").textContent = "Next";
    } else {
      count.textContent = marks.length + (marks.length === 1 ? " cited passage" : " cited passages");
      // Nothing pointed at yet: the way in is the first passage.
      next.querySelector(".fs-passages-word").textContent = "First";
    }
    able(prev, current > 0);
    able(next, current < marks.length - 1);
    if (current >= 0 && current !== was) live.textContent = count.textContent + ": “" + words(id) + "”";
  }

  function step(by, from) {
    var to = current < 0 ? 0 : current + by;
    if (current < 0 && by < 0) return;
    if (to < 0 || to >= marks.length) return;
    // Through the address, so that Back returns to the passage before and :target holds.
    location.hash = marks[to].id;
    // Going to an anchor drops focus to the page; kept on the button, Enter steps on as in a
    // find bar, and the live region says where it went.
    from.focus({ preventScroll: true });
  }

  prev.addEventListener("click", function () { step(-1, prev); });
  next.addEventListener("click", function () { step(1, next); });
  window.addEventListener("hashchange", update);
  update();
  // The browser scrolled to the passage before the navigator was put above the article,
  // which pushed the passage down by its height: scroll again, to where scroll-margin says.
  if (current >= 0) marks[current].scrollIntoView({ block: "start" });
})();
