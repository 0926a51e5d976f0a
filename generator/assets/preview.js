/* Previews: hovering or focusing a link to a passage or a record shows it in place.
 *
 * The preview is fetched from this site only and built with DOM calls from the
 * target page's text (never inserted as HTML), so nothing in it can run.
 */
(function () {
  "use strict";
  var cache = {};
  var tip = null;
  var current = null;
  var timer = null;

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "fs-preview";
      tip.id = "fs-preview";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function fetchPage(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
    }
    return cache[url];
  }

  // A paragraph with its cited passages kept as <mark>, everything else as text.
  function passage(doc, id) {
    var mark = doc.getElementById(id);
    if (!mark) return null;
    var para = mark.closest("p") || mark;
    var out = document.createElement("p");
    para.childNodes.forEach(function copy(node) {
      if (node.nodeType === Node.TEXT_NODE) {
        out.appendChild(document.createTextNode(node.textContent));
      } else if (node.nodeType === Node.ELEMENT_NODE && !node.classList.contains("fs-pnum")) {
        var m = document.createElement("mark");
        m.textContent = node.textContent;
        if (node.id === id || node.getAttribute("data-continues") === id) m.className = "fs-preview-target";
        out.appendChild(node.tagName === "MARK" ? m : document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function record(doc) {
    var title = doc.querySelector(".fs-title");
    if (!title) return null;
    var box = document.createElement("div");
    var kind = doc.querySelector(".fs-kind");
    if (kind) {
      var k = document.createElement("div");
      k.className = "fs-preview-kind";
      k.textContent = kind.textContent;
      box.appendChild(k);
    }
    var t = document.createElement("strong");
    t.textContent = title.textContent;
    box.appendChild(t);
    var next = (kind || title).nextElementSibling;
    if (next && (next.tagName === "P" || next.tagName === "TABLE")) {
      var d = document.createElement("p");
      d.textContent = next.textContent.replace(/\s+/g, " ").trim().slice(0, 280);
      box.appendChild(d);
    }
    return box;
  }

  function show(link) {
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return;
    var id = decodeURIComponent(url.hash.slice(1));
    var page = url.href.split("#")[0];
    current = link;
    fetchPage(page).then(function (doc) {
      if (current !== link) return;
      var body = id ? passage(doc, id) : record(doc);
      if (!body) return;
      var t = tooltip();
      t.replaceChildren(body);
      var r = link.getBoundingClientRect();
      t.hidden = false;
      var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - t.offsetWidth - 8);
      t.style.left = Math.max(window.scrollX + 8, left) + "px";
      t.style.top = window.scrollY + r.bottom + 6 + "px";
      link.setAttribute("aria-describedby", "fs-preview");
    });
  }

  function hide() {
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    if (tip) tip.hidden = true;
  }

  function previewable(el) {
    var a = el && el.closest && el.closest(".md-content a[href]");
    if (!a || a.classList.contains("headerlink") || a.classList.contains("fs-pnum")) return null;
    var href = a.getAttribute("href");
    if (/^(https?:)?\/\//.test(href) || href.charAt(0) === "#" && !/^#q-/.test(href)) return null;
    return a;
  }

  function enter(e) {
    var a = previewable(e.target);
    if (!a) return;
    clearTimeout(timer);
    timer = setTimeout(function () { show(a); }, 150);
  }

  function leave(e) {
    if (!previewable(e.target)) return;
    clearTimeout(timer);
    hide();
  }

  document.addEventListener("mouseover", enter);
  document.addEventListener("focusin", enter);
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusout", leave);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
})();
