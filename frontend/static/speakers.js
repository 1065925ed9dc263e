/* The list of speakers, live; the pages work without it (they show the list as loaded).
 *
 * - [data-speakers-events]: listens to the list's stream. Each message is the list's news at a
 *   new version (who has the floor, the next five). The public display ([data-display]) redraws itself from it; a page with
 *   data-speakers-refresh (the console, a delegate's page) reloads that part of itself.
 *   EventSource reconnects by itself and sends Last-Event-ID: the server sends what was missed.
 * - [data-countdown]: the current speaker's time left, counted here from the server's
 *   timestamps (data-started, when the timer last started; data-elapsed before that), with the
 *   difference between this device's clock and the server's taken from data-server-now.
 */
(function () {
  "use strict";

  var offset = 0; // server clock minus this device's clock, in ms

  function text(value) { return value === null || value === undefined ? "" : String(value); }

  function clock(seconds) {
    var sign = seconds < 0 ? "-" : "";
    seconds = Math.abs(Math.round(seconds));
    return sign + Math.floor(seconds / 60) + ":" + ("0" + (seconds % 60)).slice(-2);
  }

  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var limit = parseInt(el.getAttribute("data-limit"), 10) || 0;
      if (!limit) { el.textContent = "–"; return; }
      var left = limit - (parseInt(el.getAttribute("data-elapsed"), 10) || 0);
      var started = el.getAttribute("data-started");
      if (started) { left -= (Date.now() + offset - Date.parse(started)) / 1000; }
      el.textContent = clock(Math.ceil(left));
      el.classList.toggle("over", left < 0);
      el.classList.toggle("last-minute", left >= 0 && left < 60);
      el.classList.toggle("running", !!started);
    });
  }

  function setCountdown(current) {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      el.setAttribute("data-limit", current ? current.limit_seconds : 0);
      el.setAttribute("data-elapsed", current ? current.elapsed_seconds : 0);
      el.setAttribute("data-started", current && current.timer_started_at ? current.timer_started_at : "");
    });
  }

  function redraw(source, state) {
    var labels = JSON.parse(source.getAttribute("data-kind-labels") || "{}");
    var c = state.current;
    var set = function (selector, value) {
      var el = document.querySelector(selector);
      if (el) { el.textContent = value; }
    };
    set("[data-item]", state.agenda_item);
    set("[data-current-entity]", c ? c.entity : source.getAttribute("data-label-nobody"));
    set("[data-current-behalf]", c && c.on_behalf_of ?
      source.getAttribute("data-label-behalf").replace("{group}", c.on_behalf_of) : "");
    set("[data-current-who]", c ? [c.speaker, labels[c.kind] || c.kind,
      source.getAttribute(c.mode === "online" ? "data-label-online" : "data-label-room")].filter(Boolean).join(" · ") : "");
    var next = document.querySelector("[data-next]");
    if (next) {
      next.textContent = "";
      state.next.forEach(function (entry) {
        var li = document.createElement("li");
        li.textContent = entry.entity + (entry.kind !== "statement" ? " · " + (labels[entry.kind] || entry.kind) : "");
        next.appendChild(li);
      });
    }
    setCountdown(c);
  }

  function reload(selector, page, version) {
    var part = document.querySelector(selector);
    if (!part || part.getAttribute("data-version") === String(version)) { return; }
    fetch(page, { credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (!html) { return; }
      var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(selector);
      var now = fresh && fresh.ownerDocument.querySelector("[data-countdown]");
      if (fresh) {
        part.replaceWith(fresh);
        if (now) { offset = Date.parse(now.getAttribute("data-server-now")) - Date.now(); }
        tick();
      }
    });
  }

  function listen(source) {
    if (!window.EventSource) { return; }
    var stream = new EventSource(source.getAttribute("data-speakers-events"));
    var refresh = source.getAttribute("data-speakers-refresh");
    var page = source.getAttribute("data-speakers-page") || window.location.pathname;
    stream.addEventListener("message", function (event) {
      var state = JSON.parse(event.data); // state.at is when this version was made, not now
      source.setAttribute("data-version", text(state.version));
      document.body.setAttribute("data-speakers-version", text(state.version));
      if (document.querySelector("[data-display]")) { redraw(source, state); }
      if (refresh) { reload(refresh, page, state.version); }
      tick();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var first = document.querySelector("[data-countdown]");
    if (first) { offset = Date.parse(first.getAttribute("data-server-now")) - Date.now(); }
    document.querySelectorAll("[data-speakers-events]").forEach(listen);
    tick();
    window.setInterval(tick, 250);
  });
}());
