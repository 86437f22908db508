// The admin export page's "select all" toggle, bound here instead of an inline onchange (CSP).
document.addEventListener("DOMContentLoaded", () => {
  for (const toggle of document.querySelectorAll("input.select-toggle")) {
    toggle.addEventListener("change", (event) => onSelectToggleChange(event));
  }
});
