// The dashboard's one script (served as a file: the pages carry no inline script, so a strict
// Content-Security-Policy holds; the one-file report inlines it).
//
// - Draws every chart of the page: each <script type="application/json" class="chart-spec">
//   holds a Plotly figure (data + layout) built on the server, drawn in the page's colours
//   (light or dark, following prefers-color-scheme, redrawn when that changes).
// - Drill-down: a point's customdata says what it stands for ({events: {dyad, start, end}}
//   or {actor: name}); a click opens those events or that actor.
// - In the report (body[data-inline]), the events list is filtered in the browser from the
//   address's "#events?actor=...&start=..." (the same parameters as the server's /events),
//   so charts, alerts and the filter form link to filtered views that can be shared.
"use strict";
(function () {
  var inline = document.body.dataset.inline === "true";
  var figures = [];

  function colours() {
    var css = getComputedStyle(document.body);
    function get(name) { return css.getPropertyValue(name).trim(); }
    return {fg: get("--fg"), bg: get("--panel"), line: get("--line")};
  }

  function themed(spec) {
    var c = colours();
    var layout = Object.assign({}, spec.layout, {paper_bgcolor: c.bg, plot_bgcolor: c.bg,
      font: Object.assign({}, spec.layout.font, {color: c.fg})});
    ["xaxis", "yaxis", "yaxis2"].forEach(function (name) {
      if (layout[name]) {
        layout[name] = Object.assign({}, layout[name], {gridcolor: c.line, zerolinecolor: c.line,
                                                        linecolor: c.line});
      }
    });
    var data = spec.data.map(function (trace) {
      if (trace.mode === "markers+text") {
        return Object.assign({}, trace, {marker: Object.assign({}, trace.marker, {color: c.fg}),
                                         textfont: {color: c.fg}});
      }
      return trace;
    });
    return {data: data, layout: layout};
  }

  function drillUrl(custom) {
    if (!custom) { return null; }
    if (custom.events) {
      return (inline ? "#events?" : "/events?") + new URLSearchParams(custom.events).toString();
    }
    if (custom.actor) {
      return inline ? "#events?" + new URLSearchParams({actor: custom.actor}).toString()
                    : "/actors/" + encodeURIComponent(custom.actor);
    }
    return null;
  }

  function draw() {
    if (typeof Plotly === "undefined") { return; }
    document.querySelectorAll("script.chart-spec").forEach(function (node) {
      var spec = JSON.parse(node.textContent);
      var target = document.getElementById(node.dataset.target);
      var look = themed(spec);
      Plotly.newPlot(target, look.data, look.layout, {displaylogo: false, responsive: true});
      target.on("plotly_click", function (event) {
        var url = event.points.length ? drillUrl(event.points[0].customdata) : null;
        if (url) { window.location.assign(url); }
      });
      figures.push({target: target, spec: spec});
    });
  }

  function redraw() {
    figures.forEach(function (figure) {
      var look = themed(figure.spec);
      Plotly.react(figure.target, look.data, look.layout);
    });
  }

  // --- the report's events filter -----------------------------------------------------------

  function matches(row, params) {
    var d = row.dataset;
    var value;
    if ((value = params.get("actor"))) {
      var names = d.actors.split("|");
      var wanted = value.toLowerCase();
      if (names[0].toLowerCase().indexOf(wanted) < 0 && names[1].toLowerCase().indexOf(wanted) < 0 &&
          names[2] !== value && names[3] !== value) { return false; }
    }
    if ((value = params.get("country")) && d.countries.split(" ").indexOf(value.toUpperCase()) < 0) { return false; }
    if ((value = params.get("dyad")) && d.dyad !== value.toUpperCase()) { return false; }
    if ((value = params.get("cameo")) &&
        (value.length === 2 ? d.cameo.slice(0, 2) !== value : d.cameo.indexOf(value) !== 0)) { return false; }
    if ((value = params.get("plover")) && d.plover !== value.toUpperCase()) { return false; }
    if ((value = params.get("quad_class")) && d.quad !== value) { return false; }
    if ((value = params.get("outlet")) && d.outlet.toLowerCase().indexOf(value.toLowerCase()) < 0) { return false; }
    if ((value = params.get("start")) && (!d.day || d.day < value)) { return false; }
    if ((value = params.get("end")) && (!d.day || d.day > value)) { return false; }
    if ((value = params.get("q"))) {
      var evidence = row.querySelector(".evidence");
      if (!evidence || evidence.textContent.toLowerCase().indexOf(value.toLowerCase()) < 0) { return false; }
    }
    if ((value = params.get("min_confidence")) && !(parseFloat(d.confidence) >= parseFloat(value))) { return false; }
    if (params.get("undated") && d.day) { return false; }
    return true;
  }

  function fillForm(form, params) {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name) { return; }
      if (field.type === "checkbox") { field.checked = params.has(field.name); }
      else { field.value = params.get(field.name) || ""; }
    });
  }

  function filterEvents(query) {
    var params = new URLSearchParams(query);
    var section = document.getElementById("events");
    var form = document.getElementById("event-filters");
    if (!section || !form) { return; }
    fillForm(form, params);
    var shown = 0;
    section.querySelectorAll("table.events tbody tr").forEach(function (row) {
      var keep = matches(row, params);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    section.querySelector(".count").textContent = String(shown);
  }

  function route() {
    var hash = window.location.hash;
    if (hash === "#events" || hash.indexOf("#events?") === 0) {
      filterEvents(hash.slice("#events?".length));
      document.getElementById("events").scrollIntoView();
    }
  }

  function reportFilters() {
    var form = document.getElementById("event-filters");
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) { if (String(value).trim()) { params.append(key, value); } });
      window.location.hash = "events?" + params.toString();
    });
    window.addEventListener("hashchange", route);
    route();
  }

  function start() {
    draw();
    var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    if (dark && dark.addEventListener) { dark.addEventListener("change", redraw); }
    if (inline) { reportFilters(); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
}());
