// extractor report: the record tooltip of highlights, and the overview's filters.
// Everything the page shows is built with textContent: no data ever becomes markup.
(function () {
  "use strict";

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function add(parent, tag, text, className) {
    var element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    if (className) element.className = className;
    parent.appendChild(element);
    return element;
  }

  // --- highlights ------------------------------------------------------------------------
  var records = readJson("records-data");
  var tip = document.getElementById("tip");
  var current = null;

  function recordOf(mark) {
    return records && (records[mark.getAttribute("data-record")] || null);
  }

  function showTip(mark) {
    var record = recordOf(mark);
    if (!record || !tip) return;
    if (current) current.classList.remove("active");
    current = mark;
    mark.classList.add("active");
    tip.textContent = "";
    add(tip, "b", record.label + ": " + mark.getAttribute("data-span-text"));
    var list = add(tip, "dl");
    record.fields.forEach(function (pair) {
      add(list, "dt", pair[0]);
      add(list, "dd", pair[1]);
    });
    if (record.link) add(tip, "div", "page: " + record.link);
    tip.hidden = false;
    var box = mark.getBoundingClientRect();
    var left = Math.max(4, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4));
    tip.style.left = left + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  function hideTip() {
    if (current) current.classList.remove("active");
    current = null;
    if (tip) tip.hidden = true;
  }

  function markOf(target) {
    var mark = target && target.closest ? target.closest("mark.hl[data-record]") : null;
    if (!mark) return null;
    // A fragment of a split highlight stands for the whole span: use its first element.
    return document.getElementById(mark.getAttribute("data-span")) || mark;
  }

  if (records) {
    document.querySelectorAll("mark.hl[id]").forEach(function (mark) {
      var parts = document.querySelectorAll('[data-span="' + mark.id + '"]');
      var text = "";
      parts.forEach(function (part) { text += part.textContent; });
      mark.setAttribute("data-span-text", text);
      var record = recordOf(mark);
      if (record) mark.setAttribute("aria-label", record.label + ": " + text);
      mark.setAttribute("aria-describedby", "tip");
    });
    document.addEventListener("mouseover", function (event) {
      var mark = markOf(event.target);
      if (mark) showTip(mark); else if (current && document.activeElement !== current) hideTip();
    });
    document.addEventListener("focusin", function (event) {
      var mark = markOf(event.target);
      if (mark) showTip(mark); else hideTip();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hideTip();
      var mark = markOf(event.target);
      if (mark && event.key === "Enter") goToRow(mark);
    });
    document.addEventListener("click", function (event) {
      var mark = markOf(event.target);
      if (mark) goToRow(mark);
    });
  }

  function goToRow(mark) {
    var row = document.getElementById("r-" + mark.getAttribute("data-record"));
    if (row) { location.hash = row.id; }
  }

  // --- overview filters ------------------------------------------------------------------
  var data = readJson("index-data");
  if (!data) return;
  var form = document.getElementById("filters");
  var since = document.getElementById("f-since");
  var until = document.getElementById("f-until");
  var country = document.getElementById("f-country");
  var LIMIT = 200;

  function inPeriod(month) {
    if (since.value && (!month || month < since.value)) return false;
    if (until.value && (!month || month > until.value)) return false;
    return true;
  }

  function page(folder, stem) { return stem ? folder + "/" + stem + ".html" : null; }

  function tally(counts, key) { counts[key] = (counts[key] || 0) + 1; }

  function top(counts, n) {
    return Object.keys(counts).map(function (key) { return [key, counts[key]]; })
      .sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }).slice(0, n);
  }

  function fillTop(id, entries, hrefOf) {
    var list = document.getElementById(id);
    list.textContent = "";
    entries.forEach(function (entry) {
      var item = add(list, "li");
      var href = hrefOf(entry[0]);
      if (href) { var a = add(item, "a", data.names[entry[0]] || entry[0]); a.href = href; }
      else add(item, "span", data.names[entry[0]] || entry[0]);
      add(item, "span", " " + entry[1], "count");
    });
    if (!entries.length) add(list, "li", "none", "none");
  }

  function apply() {
    var code = country.value;
    var events = data.events.filter(function (e) {
      return inPeriod(e[1] ? e[1].slice(0, 7) : "") && (!code || e[4].indexOf(code) >= 0);
    });
    var partners = {}, persons = {}, types = {};
    events.forEach(function (e) {
      tally(types, e[2]);
      e[4].forEach(function (p) { if (p !== data.home) tally(partners, p); });
      e[5].forEach(function (p) { tally(persons, p); });
    });
    var areas = {};
    data.areas.forEach(function (a) {
      if (inPeriod(a[0]) && (!code || a[2].indexOf(code) >= 0)) tally(areas, a[1]);
    });
    document.getElementById("f-summary").textContent = events.length + " of " + data.events.length + " events" +
      (events.length > LIMIT ? " (the first " + LIMIT + " listed)" : "");
    fillTop("f-types", top(types, 10), function () { return null; });
    fillTop("f-partners", top(partners, 10), function (c) { return page("country", data.countryPages[c]); });
    fillTop("f-persons", top(persons, 10), function (p) { return page("person", data.personPages[p]); });
    fillTop("f-areas", top(areas, 10), function () { return null; });
    var body = document.getElementById("f-events");
    body.textContent = "";
    events.slice(0, LIMIT).forEach(function (e) {
      var row = add(body, "tr");
      add(row, "td", e[1] || "");
      add(row, "td", e[2]);
      var link = add(add(row, "td"), "a", e[3]);
      link.href = page("event", e[0]);
      add(row, "td", e[4].join(", "));
      add(row, "td", e[6]);
    });
    document.querySelectorAll("svg .bar[data-month]").forEach(function (bar) {
      bar.classList.toggle("out", !inPeriod(bar.getAttribute("data-month")));
    });
  }

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  apply();
})();
