// Export jobs page: polls each unfinished job's JSON status and updates its row (no inline script: CSP).
(function () {
  "use strict";
  var script = document.currentScript;
  var downloadLabel = (script && script.dataset.downloadLabel) || "Download";
  var INTERVAL = 2000;

  function update(row, data) {
    row.querySelector("[data-job-status]").textContent = data.status_label + (data.error ? " " + data.error : "");
    var bar = row.querySelector("[data-job-progress]");
    bar.value = data.progress;
    bar.textContent = data.progress + "%";
    if (data.download_url) {
      var cell = row.querySelector("[data-job-link]");
      var link = document.createElement("a");
      link.href = data.download_url;
      link.textContent = downloadLabel;
      cell.replaceChildren(link);
    }
  }

  function poll(row) {
    fetch(row.dataset.exportJob, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        update(row, data);
        if (!data.finished) window.setTimeout(function () { poll(row); }, INTERVAL);
      })
      .catch(function () { window.setTimeout(function () { poll(row); }, INTERVAL * 5); });
  }

  document.querySelectorAll("tr[data-export-job]:not([data-finished])").forEach(function (row) {
    window.setTimeout(function () { poll(row); }, INTERVAL);
  });
})();
