// newsmon web: the query builder's live preview. The server builds the same
// query text (newsmon/web/builder.py) when the form is sent; this only shows it
// while typing. No inline script anywhere: the CSP forbids it.
(function () {
  "use strict";
  var FIELDS = ["unit", "campaign", "place", "person", "source", "award"];

  function quoted(value) {
    value = value.replace(/"/g, " ").split(/\s+/).filter(Boolean).join(" ");
    return /[\s():]/.test(value) ? '"' + value + '"' : value;
  }

  function isoDay(text) {
    var m = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(text);
    if (m) {
      var pad = function (n) { return (n.length < 2 ? "0" : "") + n; };
      return m[3] + "-" + pad(m[2]) + "-" + pad(m[1]);
    }
    return /^\s*\d{4}(-\d{2}(-\d{2})?)?\s*$/.test(text) ? text.trim() : "?" + text.trim();
  }

  function build(form) {
    var parts = [];
    FIELDS.forEach(function (name) {
      var el = form.elements["b_" + name];
      if (el && el.value.trim()) parts.push(name + ":" + quoted(el.value.trim()));
    });
    ["from", "to"].forEach(function (name) {
      var el = form.elements["b_" + name];
      if (el && el.value.trim()) parts.push(name + ":" + isoDay(el.value));
    });
    if (form.elements.b_has_award && form.elements.b_has_award.checked) parts.push("has:award");
    return parts.join(" ");
  }

  function update(form) {
    var out = document.getElementById("built");
    if (!out) return;
    var q = form.elements.q.value.trim();
    var built = build(form);
    out.value = [q, built].filter(Boolean).join(" ");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("search-form");
    if (!form) return;
    form.addEventListener("input", function () { update(form); });
    form.addEventListener("change", function () { update(form); });
    update(form);
  });
})();
