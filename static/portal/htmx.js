// How in-place (htmx) saves answer the user. A form error (400) comes back as the re-rendered part and is
// swapped like a success, so the error shows where the user is. A refusal (403/409) is an alert shown in the
// part's message slot; anything else, and a lost connection, a sentence from <body data-htmx-*> saying what
// to do. The slot is focused so that the message is in view and read out.
(function () {
  "use strict";
  function slotFor(target) {
    var part = target && target.closest ? target.closest("[data-htmx-part]") || target : null;
    var slot = part ? part.querySelector("[data-htmx-message]") : null;
    return slot || document.getElementById("htmx-message");
  }
  function show(target, html, text) {
    var slot = slotFor(target);
    if (!slot) { return; }
    if (html) { slot.innerHTML = html; } else {
      var alert = document.createElement("div");
      alert.className = "alert alert-danger mb-2";
      alert.setAttribute("role", "alert");
      alert.textContent = text;
      slot.replaceChildren(alert);
    }
    var alertElt = slot.firstElementChild || slot;
    alertElt.setAttribute("tabindex", "-1");
    alertElt.focus();
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    } else if (status === 403 || status === 409) {
      event.detail.shouldSwap = false;
      show(event.detail.target, event.detail.xhr.responseText);
    } else if (status >= 400) {
      event.detail.shouldSwap = false;
      show(event.detail.target, null, document.body.dataset.htmxFailed);
    }
  });
  // After a swap, the new part's message takes the focus (htmx may have put it back on the button); once only.
  document.addEventListener("htmx:afterSettle", function (event) {
    var part = event.target;
    var message = part.querySelector ? part.querySelector("[data-htmx-message] [autofocus]") : null;
    if (message) {
      // htmx may have focused it already, during the swap: the layout settled since, so scroll it back in view.
      message.removeAttribute("autofocus");
      message.focus({ preventScroll: true });
      message.scrollIntoView({ block: "nearest", behavior: "instant" });
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    show(event.detail.target, null, document.body.dataset.htmxOffline);
  });
})();
