/* Bar charts of the statistics page (Chart.js, vendored). Data come from json_script. */
(function () {
  "use strict";
  var charts = {};

  function bar(id, rows, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: [{ label: "Jumelages", data: rows.map(function (r) { return r.value; }), backgroundColor: "#1f4e79" }],
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        animation: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  function render() {
    var source = document.getElementById("chart-data");
    if (!source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    bar("chart-countries", data.countries, true);
    bar("chart-continents", data.continents, false);
    bar("chart-statuses", data.statuses, false);
  }

  document.addEventListener("DOMContentLoaded", render);
  document.addEventListener("htmx:afterSettle", render);
})();
