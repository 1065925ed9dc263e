/* Hybrid sittings, in the browser; the pages work without it.
 *
 * - [data-heartbeat]: the join page tells the server every data-heartbeat-seconds that the
 *   person still follows the sitting, and that they left when the page is closed; what it
 *   then says comes translated in data-lost-reload, data-lost-retry and data-left.
 * - [data-scan-field]: the door's badge field takes the focus again after each scan.
 * - [data-camera-scan]: where the browser can detect barcodes (BarcodeDetector), a button
 *   reads badges' QR codes with the device's camera and records each as a scan.
 */
(function () {
  "use strict";

  function post(url, csrf, keepalive) {
    return fetch(url, {
      method: "POST", credentials: "same-origin", keepalive: !!keepalive,
      headers: { "X-CSRF-Token": csrf }
    });
  }

  function beat(panel) {
    var url = panel.getAttribute("data-heartbeat");
    var leave = panel.getAttribute("data-leave");
    var csrf = panel.getAttribute("data-csrf") || "";
    var seconds = parseInt(panel.getAttribute("data-heartbeat-seconds"), 10) || 30;
    var state = panel.querySelector("[data-heartbeat-state]");
    var left = false;
    var timer = window.setInterval(function () {
      if (left) { return; }
      post(url, csrf).then(function (response) {
        if (state) { state.textContent = response.ok ? "" : panel.getAttribute("data-lost-reload"); }
      }, function () {
        if (state) { state.textContent = panel.getAttribute("data-lost-retry"); }
      });
    }, seconds * 1000);
    window.addEventListener("pagehide", function () {
      if (left) { return; }
      left = true;
      window.clearInterval(timer);
      post(leave, csrf, true);
    });
    var form = panel.querySelector("[data-leave-form]");
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        left = true;
        window.clearInterval(timer);
        post(leave, csrf).then(function () {
          if (state) { state.textContent = panel.getAttribute("data-left"); }
        });
      });
    }
  }

  function focusScanField() {
    var field = document.querySelector("[data-scan-field]");
    if (field) { field.value = ""; field.focus(); }
  }

  function camera(button) {
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
    button.closest("[data-camera]").hidden = false;
    button.addEventListener("click", function () {
      var video = document.querySelector("[data-camera-view]");
      var detector = new window.BarcodeDetector({ formats: ["qr_code", "code_128"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        var last = "";
        window.setInterval(function () {
          detector.detect(video).then(function (codes) {
            if (!codes.length || codes[0].rawValue === last) { return; }
            last = codes[0].rawValue;
            var field = document.querySelector("[data-scan-field]");
            if (!field) { return; }
            field.value = last;
            field.form.requestSubmit();
            window.setTimeout(function () { last = ""; }, 3000);
          });
        }, 300);
      });
    });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.querySelector && event.target.querySelector("[data-scan-field]")) {
      focusScanField();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    focusScanField();
    document.querySelectorAll("[data-heartbeat]").forEach(beat);
    document.querySelectorAll("[data-camera-scan]").forEach(camera);
  });
}());
