// Live word count over every textarea marked data-word-count (the rancang bangun parts).
(function () {
  "use strict";
  var output = document.getElementById("word-count");
  if (!output) { return; }
  var parts = document.querySelectorAll("textarea[data-word-count]");
  var minimum = parseInt(output.dataset.minimum, 10);
  function count() {
    var total = 0;
    parts.forEach(function (part) {
      var words = part.value.trim().split(/\s+/).filter(Boolean);
      total += words.length;
    });
    output.textContent = total;
    output.classList.toggle("text-danger", total < minimum);
    output.classList.toggle("text-success", total >= minimum);
  }
  parts.forEach(function (part) { part.addEventListener("input", count); });
  count();
})();
