// Draw every chart of the page: each <script type="application/json" class="chart-spec">
// holds a Plotly figure (data + layout) built on the server; plotly.js is served locally.
"use strict";
document.querySelectorAll("script.chart-spec").forEach(function (node) {
  var spec = JSON.parse(node.textContent);
  Plotly.newPlot(node.dataset.target, spec.data, spec.layout,
                 {displaylogo: false, responsive: true});
});
