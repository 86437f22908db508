// Draws every <canvas data-chart="ID"> from the JSON in <script id="ID" type="application/json">.
// The numbers are also in the table beside each chart; the colours (Okabe-Ito) stay apart for
// colour-blind readers, and bars carry values in their tooltips rather than by colour alone.
(function () {
  "use strict";
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function dataset(series, index, kind, count) {
    var colour = PALETTE[index % PALETTE.length];
    var set = { label: series[0], data: series[1], borderColor: colour, backgroundColor: colour, spanGaps: true };
    if (kind === "doughnut") {
      set.backgroundColor = PALETTE.slice(0, count);
      set.borderColor = "#ffffff";
    }
    if (kind === "line") {
      set.backgroundColor = "transparent";
      set.pointStyle = index === 0 ? "circle" : "rect";
      set.borderDash = index === 0 ? [] : [6, 4];
    }
    return set;
  }

  // A long category name breaks into lines of about LINE characters instead of being cut at the
  // canvas edge ("...kirim ke aplikasi IID nasional"); Chart.js draws an array as lines.
  var LINE = 22;
  function wrap(label) {
    if (label.length <= LINE) {
      return label;
    }
    var lines = [""];
    label.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (lines[last] && (lines[last] + " " + word).length > LINE) {
        lines.push(word);
      } else {
        lines[last] = lines[last] ? lines[last] + " " + word : word;
      }
    });
    return lines;
  }

  function categoryScales(kind) {
    var ticks = { ticks: { autoSkip: false, font: { size: 11 } } };
    if (kind === "hbar") {
      return { y: ticks };
    }
    return kind === "bar" ? { x: ticks } : undefined;
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || !window.Chart) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var kind = spec.kind === "hbar" ? "bar" : spec.kind;
    new window.Chart(canvas, {
      type: kind,
      data: {
        labels: kind === "doughnut" ? spec.labels : spec.labels.map(wrap),
        datasets: spec.series.map(function (series, index) {
          return dataset(series, index, kind, spec.labels.length);
        }),
      },
      options: {
        indexAxis: spec.kind === "hbar" ? "y" : "x",
        // Every category named: wrapped names take more room, and Chart.js would skip some.
        scales: categoryScales(spec.kind),
        maintainAspectRatio: false,
        animation: reduced ? false : undefined,
        plugins: { legend: { display: spec.series.length > 1 || kind === "doughnut", position: "bottom" } },
      },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
