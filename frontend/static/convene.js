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
 * - form[data-confirm] (or its submit button with data-confirm): asks in a <dialog> before
 *   posting, then posts with confirmed=yes. Without scripts the server asks on a page instead.
 *   data-confirm-yes and data-confirm-no label the dialog's buttons.
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

  function asker(event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.querySelector("input[name=confirmed]")) { return null; }
    var button = event.submitter;
    if (button && button.hasAttribute("data-confirm")) { return { form: form, from: button, button: button }; }
    if (form.hasAttribute("data-confirm")) { return { form: form, from: form, button: button }; }
    return null;
  }

  function hidden(form, name, value) {
    var input = document.createElement("input");
    input.type = "hidden"; input.name = name; input.value = value;
    form.appendChild(input);
  }

  function confirmFirst(event) {
    var ask = asker(event);
    if (!ask || typeof HTMLDialogElement !== "function") { return; }
    event.preventDefault();
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-question");
    var question = document.createElement("p");
    question.id = "confirm-dialog-question";
    question.textContent = ask.from.getAttribute("data-confirm");
    var actions = document.createElement("form");
    actions.method = "dialog"; actions.className = "actions";
    var yes = document.createElement("button");
    yes.value = "yes"; yes.className = "danger";
    yes.textContent = ask.from.getAttribute("data-confirm-yes") || "Yes";
    var no = document.createElement("button");
    no.value = "no"; no.className = "secondary";
    no.textContent = ask.from.getAttribute("data-confirm-no") || "No, go back";
    actions.appendChild(yes); actions.appendChild(no);
    dialog.appendChild(question); dialog.appendChild(actions);
    document.body.appendChild(dialog);
    dialog.addEventListener("close", function () {
      dialog.remove();
      if (dialog.returnValue !== "yes") { (ask.button || ask.form).focus(); return; }
      if (ask.button && ask.button.name) { hidden(ask.form, ask.button.name, ask.button.value); }
      hidden(ask.form, "confirmed", "yes");
      ask.form.submit();
    });
    dialog.showModal();
    no.focus();
  }

  document.addEventListener("submit", confirmFirst);
  document.addEventListener("htmx:afterSwap", function (event) {
    rewriteTimes(event.target);
    focusErrors(event.target);
  });
  // An answer the person must read at once (the desk's scan outcome, swapped out of band; on
  // a phone the header pushes it below the fold): scrolled just far enough to be seen.
  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll("[data-into-view]").forEach(function (answer) {
      rewriteTimes(answer);
      answer.scrollIntoView({ block: "nearest" });
    });
  });
  document.addEventListener("DOMContentLoaded", function () {
    rewriteTimes(document);
    focusErrors(document);
    document.querySelectorAll("[data-live-events]").forEach(listen);
  });
}());
