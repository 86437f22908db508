// Live word count over every textarea marked data-word-count (the rancang bangun parts), shown beside them.
// The number itself is not a live region (it would be read at every key); #word-count-status says it
// when the total crosses the minimum, either way.
(function () {
  "use strict";
  var output = document.getElementById("word-count");
  if (!output) { return; }
  var status = document.getElementById("word-count-status");
  var parts = document.querySelectorAll("textarea[data-word-count]");
  var minimum = parseInt(output.dataset.minimum, 10);
  var reached = null;
  function count() {
    var total = 0;
    parts.forEach(function (part) {
      var words = part.value.trim().split(/\s+/).filter(Boolean);
      total += words.length;
    });
    output.textContent = total;
    output.classList.toggle("text-danger-emphasis", total < minimum);
    output.classList.toggle("text-success-emphasis", total >= minimum);
    var now = total >= minimum;
    if (status && reached !== null && now !== reached) {
      status.textContent = now ? status.dataset.reached : status.dataset.below;
    }
    reached = now;
  }
  parts.forEach(function (part) { part.addEventListener("input", count); });
  count();
})();
