/* Convene's small progressive enhancements; every page works without them.
 *
 * - <time datetime="...Z" data-viewer-time="datetime|time">: rewritten into the
 *   viewer's own time zone (the server writes UTC, which stays if scripts are off).
 * - [data-viewer-zone]: filled with the viewer's time zone name.
 * - <button data-copy="#input">: copies that input's value to the clipboard.
 * - .error-summary: receives focus when a form comes back with mistakes.
 * - [data-live-events="/api/sessions/N/events"]: listens to the session's live updates.
 *   On a change it reloads the part named by data-live-refresh with the query of the form
 *   named by data-live-form, or else shows itself (a notice offering the latest list).
 *   data-live-state says "listening" once connected.
 * - <form data-clear-after="#input">: once htmx has sent the form and shown the answer, that
 *   input is emptied and focused again, ready for the next scan (without scripts the page
 *   comes back with the field empty and focused).
 */
(function () {
  "use strict";

  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

  function formatTime(element) {
    var moment = new Date(element.getAttribute("datetime"));
    if (isNaN(moment.getTime())) { return; }
    var options = { hour: "2-digit", minute: "2-digit", timeZoneName: "short", timeZone: zone };
    if (element.getAttribute("data-viewer-time") !== "time") {
      options.weekday = "short"; options.day = "numeric"; options.month = "short"; options.year = "numeric";
    }
    element.textContent = new Intl.DateTimeFormat(document.documentElement.lang || undefined, options).format(moment);
    element.setAttribute("title", zone);
  }

  function rewriteTimes(root) {
    root.querySelectorAll("time[data-viewer-time]").forEach(formatTime);
    root.querySelectorAll("[data-viewer-zone]").forEach(function (element) { element.textContent = zone; });
    root.querySelectorAll(".viewer-zone-note").forEach(function (element) { element.hidden = true; });
  }

  function copyFrom(button) {
    var source = document.querySelector(button.getAttribute("data-copy"));
    var status = button.closest(".field") && button.closest(".field").querySelector("[data-copy-status]");
    if (!source) { return; }
    function done() { if (status) { status.textContent = button.getAttribute("data-copied") || "Copied"; } }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.value).then(done, function () { source.select(); });
    } else {
      source.select();
      document.execCommand("copy");
      done();
    }
  }

  function focusErrors(root) {
    var summary = root.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  }

  function listen(notice) {
    if (!window.EventSource) { return; }
    var stream = new EventSource(notice.getAttribute("data-live-events"));
    var part = notice.getAttribute("data-live-refresh");
    stream.onmessage = function (message) {
      if (JSON.parse(message.data).kind === "ready") {
        notice.setAttribute("data-live-state", "listening");
      } else if (part) {
        reload(part, document.querySelector(notice.getAttribute("data-live-form")));
      } else {
        notice.hidden = false;
      }
    };
  }

  function reload(part, form) {
    // Only that part is swapped: a message the desk is showing stays where it is.
    if (!window.htmx || !form || !document.querySelector(part)) { return; }
    var query = new URLSearchParams(new FormData(form)).toString();
    window.htmx.ajax("GET", form.getAttribute("action") + "?" + query,
      { target: part, select: part, swap: "outerHTML" });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (button) { copyFrom(button); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    var field = form && form.getAttribute && form.getAttribute("data-clear-after");
    var input = field && document.querySelector(field);
    if (input) { input.value = ""; input.focus(); }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    rewriteTimes(event.target);
    focusErrors(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    rewriteTimes(document);
    focusErrors(document);
    document.querySelectorAll("[data-live-events]").forEach(listen);
  });
}());
