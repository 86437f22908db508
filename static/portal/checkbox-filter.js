// A search box over a long list of checkboxes (the profile form's other urusan). The box is in the page,
// hidden, and shown only here: without script the list is plain checkboxes. A ticked box always stays
// in view; Enter in the box does not submit the form.
(function () {
  "use strict";
  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }
  document.querySelectorAll("input[data-filter-target]").forEach(function (input) {
    var list = document.getElementById(input.dataset.filterTarget);
    if (!list) { return; }
    var items = Array.prototype.slice.call(list.querySelectorAll(".form-check"));
    function filter() {
      var query = normalise(input.value);
      items.forEach(function (item) {
        var box = item.querySelector("input");
        var matches = !query || normalise(item.textContent).indexOf(query) !== -1;
        item.hidden = !(matches || (box && box.checked));
      });
    }
    input.addEventListener("input", filter);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    input.closest(".checkbox-filter").hidden = false;
    filter();
  });
})();
