"""The page's inline style sheet and script (no external files, no CDN, no fonts to fetch).

The script reads the rows from the page's JSON, filters them by the chosen elements and a
full-text query, and renders only the first :data:`PAGE_ROWS` matches (more on request), so
a 16,000-item catalog filters within a keystroke. All cell text is set with
``textContent``: nothing from the catalog is ever parsed as HTML.
"""

from __future__ import annotations

PAGE_ROWS = 100

CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #8a8a8a;
  --head: #e6ecf5; --accent: #1f4e8c; --focus: #b35c00; }
* { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.6;
  font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
  "SimSun", sans-serif; font-size: 1rem; }
.skip { position: absolute; left: -999em; top: 0; background: #fff; color: var(--accent);
  padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; }
header, main, footer { max-width: 110rem; margin: 0 auto; padding: 0 1rem; }
header h1 { font-size: 1.6rem; margin: 1.2rem 0 .3rem; text-align: center; }
.meta { color: var(--muted); text-align: center; margin: 0 0 1rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end;
  border: 1px solid var(--line); border-radius: .4rem; padding: .75rem 1rem; }
.field { display: flex; flex-direction: column; min-width: 8rem; flex: 1 1 9rem; }
.field.wide { flex: 3 1 20rem; }
label { font-weight: bold; margin-bottom: .2rem; }
input, select, button { font: inherit; color: var(--ink); min-height: 2.5rem; }
input, select { border: 1px solid var(--line); border-radius: .3rem; padding: .3rem .5rem;
  background: #fff; max-width: 100%; }
button { background: var(--accent); color: #fff; border: 1px solid var(--accent);
  border-radius: .3rem; padding: .3rem 1rem; cursor: pointer; }
button.plain { background: #fff; color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
#status { font-weight: bold; margin: .75rem 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top;
  text-align: left; overflow-wrap: anywhere; }
th { background: var(--head); }
td.n { text-align: center; white-space: nowrap; }
/* A cell far longer than any catalog entry (a received file may hold 32,767 characters)
   breaks anywhere: the usual CJK rules made the browser take seconds over a long run of
   brackets. Ordinary cells keep them. */
td.long { line-break: anywhere; }
th:nth-child(1) { width: 3.2em; }
th:nth-child(2), th:nth-child(3), th:nth-child(6), th:nth-child(7) { min-width: 6.5em; }
th:nth-child(n+9) { min-width: 5.5em; }
th:nth-child(8) { min-width: 9em; }
.more { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0 2rem; }
[hidden] { display: none !important; }  /* a display rule must not undo hidden */
footer { color: var(--muted); font-size: .9rem; padding-bottom: 2rem; }
@media screen and (max-width: 48rem) {
  table, thead, tbody, tr, th, td, caption { display: block; width: 100%; }
  thead { position: absolute; left: -999em; }
  tr { border: 1px solid var(--line); border-radius: .4rem; margin-bottom: .75rem; }
  td { border: none; border-top: 1px solid #d0d0d0; }
  td.n { text-align: left; }
  td::before { content: attr(data-label) "："; font-weight: bold; }
}
@media print {
  .skip, form.filters, .more, #status { display: none !important; }
  body { font-size: 9pt; line-height: 1.35; }
  header, main, footer { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  th { min-width: 0 !important; }
  th:nth-child(4), th:nth-child(5) { width: 18%; }
}
@page { size: A4 landscape; margin: 12mm; }
"""

JS = """
(function () {
  "use strict";
  var PAGE = @PAGE_ROWS@, LONG_CELL = 2000;
  var data = JSON.parse(document.getElementById("zwgk-data").textContent);
  var rows = data.rows, domains = data.domains;
  var F = {domain: 0, level1: 1, level2: 2, content: 3, basis: 4, time: 5, subject: 6,
    channels: 7, audience: 8, note: 9, method: 10, level: 11};
  var LABELS = ["序号", "一级事项", "二级事项", "公开内容(要素)", "公开依据", "公开时限",
    "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"];
  var seq = new Array(rows.length), text = new Array(rows.length), counts = {};
  for (var i = 0; i < rows.length; i++) {
    var r = rows[i];
    counts[r[F.domain]] = (counts[r[F.domain]] || 0) + 1;
    seq[i] = counts[r[F.domain]];
    text[i] = [r[F.level1], r[F.level2], r[F.content], r[F.basis], r[F.time], r[F.subject],
      r[F.note], r[F.channels].join(" "), r[F.audience].join(" "), r[F.method].join(" "),
      r[F.level].join(" ")].join("\\n").toLowerCase();
  }
  var $ = function (id) { return document.getElementById(id); };
  var form = $("filters"), results = $("results"), status = $("status");
  var moreBox = $("more"), moreBtn = $("show-more"), allBtn = $("show-all");
  var shown = PAGE, matches = [];

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value; o.textContent = label; select.appendChild(o);
  }
  function fill(id, values) {
    var s = $(id);
    values.forEach(function (v) { option(s, v, v); });
  }
  domains.forEach(function (d, n) { option($("f-domain"), String(n), d.name); });
  fill("f-method", data.choices.method);
  fill("f-audience", data.choices.audience);
  fill("f-level", data.choices.level);
  fill("f-channel", data.choices.channels);
  function fillLevel1() {
    var s = $("f-level1"), keep = s.value, d = $("f-domain").value, seen = {};
    while (s.options.length > 1) { s.remove(1); }
    domains.forEach(function (dom, n) {
      if (d !== "" && String(n) !== d) { return; }
      dom.level1.forEach(function (v) { if (!seen[v]) { seen[v] = 1; option(s, v, v); } });
    });
    s.value = seen[keep] ? keep : "";
  }
  fillLevel1();

  function filter() {
    var d = $("f-domain").value, l1 = $("f-level1").value, m = $("f-method").value;
    var a = $("f-audience").value, lv = $("f-level").value, ch = $("f-channel").value;
    var words = $("f-q").value.toLowerCase().split(/\\s+/).filter(Boolean);
    var dn = d === "" ? -1 : Number(d), out = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (dn >= 0 && r[F.domain] !== dn) { continue; }
      if (l1 && r[F.level1] !== l1) { continue; }
      if (m && r[F.method].indexOf(m) < 0) { continue; }
      if (a && r[F.audience].indexOf(a) < 0) { continue; }
      if (lv && r[F.level].indexOf(lv) < 0) { continue; }
      if (ch && r[F.channels].indexOf(ch) < 0) { continue; }
      var t = text[i], ok = true;
      for (var w = 0; w < words.length; w++) {
        if (t.indexOf(words[w]) < 0) { ok = false; break; }
      }
      if (ok) { out.push(i); }
    }
    return out;
  }

  function cell(tr, label, value, cls) {
    var td = document.createElement("td");
    td.setAttribute("data-label", label);
    if (value.length > LONG_CELL) { cls = cls ? cls + " long" : "long"; }
    if (cls) { td.className = cls; }
    td.textContent = value;
    tr.appendChild(td);
  }
  function table(d) {
    var wrap = document.createElement("div");
    wrap.className = "table-wrap";
    var h = document.createElement("h2");
    h.id = "d" + d; h.textContent = domains[d].title;
    var t = document.createElement("table");
    t.setAttribute("aria-labelledby", h.id);
    var head = document.createElement("thead"), tr = document.createElement("tr");
    LABELS.forEach(function (label) {
      var th = document.createElement("th");
      th.scope = "col"; th.textContent = label; tr.appendChild(th);
    });
    head.appendChild(tr); t.appendChild(head);
    var body = document.createElement("tbody");
    t.appendChild(body); wrap.appendChild(t);
    return {heading: h, wrap: wrap, body: body};
  }
  function render() {
    var frag = document.createDocumentFragment(), current = -1, body = null;
    var end = Math.min(shown, matches.length);
    for (var k = 0; k < end; k++) {
      var i = matches[k], r = rows[i];
      if (r[F.domain] !== current) {
        current = r[F.domain];
        var t = table(current);
        frag.appendChild(t.heading); frag.appendChild(t.wrap); body = t.body;
      }
      var tr = document.createElement("tr");
      var audience = r[F.audience].join("、");
      if (r[F.note]) { audience += "（" + r[F.note] + "）"; }
      cell(tr, LABELS[0], String(seq[i]), "n");
      cell(tr, LABELS[1], r[F.level1]);
      cell(tr, LABELS[2], r[F.level2]);
      cell(tr, LABELS[3], r[F.content]);
      cell(tr, LABELS[4], r[F.basis]);
      cell(tr, LABELS[5], r[F.time]);
      cell(tr, LABELS[6], r[F.subject]);
      cell(tr, LABELS[7], r[F.channels].join("、"));
      cell(tr, LABELS[8], audience);
      cell(tr, LABELS[9], r[F.method].join("、"));
      cell(tr, LABELS[10], r[F.level].join("、"));
      body.appendChild(tr);
    }
    results.replaceChildren(frag);
    var rest = matches.length - end;
    status.textContent = matches.length === rows.length
      ? "共 " + rows.length + " 项" + (rest > 0 ? "，已显示前 " + end + " 项" : "")
      : "找到 " + matches.length + " 项（共 " + rows.length + " 项）" +
        (rest > 0 ? "，已显示前 " + end + " 项" : "");
    moreBox.hidden = rest <= 0;
    moreBtn.textContent = "再显示 " + Math.min(PAGE, rest) + " 项";
    allBtn.textContent = "显示全部 " + matches.length + " 项";
  }
  function update() {
    matches = filter(); shown = PAGE; render();
  }
  $("f-domain").addEventListener("change", function () { fillLevel1(); update(); });
  ["f-level1", "f-method", "f-audience", "f-level", "f-channel"].forEach(function (id) {
    $(id).addEventListener("change", update);
  });
  $("f-q").addEventListener("input", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { fillLevel1(); update(); }, 0);
  });
  moreBtn.addEventListener("click", function () { shown += PAGE; render(); });
  allBtn.addEventListener("click", function () { shown = matches.length; render(); });
  window.addEventListener("beforeprint", function () {
    if (shown < matches.length) { shown = matches.length; render(); }
  });
  update();
})();
""".replace("@PAGE_ROWS@", str(PAGE_ROWS))
