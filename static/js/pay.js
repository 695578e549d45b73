// Pay page: copy / lightning: link / WebLN, a countdown to the quote's expiry, a new quote when it expires,
// and status polling every 3 s until the invoice is paid.
(function () {
  "use strict";
  var box = document.getElementById("pay-box");
  if (!box) { return; }
  var number = box.dataset.number;
  var bolt11 = box.dataset.bolt11 || "";
  var expires = box.dataset.expires ? Date.parse(box.dataset.expires) : 0;
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var refreshing = false;
  if (!document.getElementById("pay-success").hidden) { return; }
  var done = false;

  function $(id) { return document.getElementById(id); }

  function problem(text) {
    var p = $("pay-problem");
    p.textContent = text || "";
    p.hidden = !text;
  }

  function show(newBolt11, newExpires) {
    bolt11 = newBolt11;
    expires = newExpires ? Date.parse(newExpires) : 0;
    $("pay-bolt11").value = bolt11;
    $("pay-open").href = "lightning:" + bolt11;
    $("pay-qr").href = "lightning:" + bolt11;
    fetch("/invoices/" + encodeURIComponent(number) + "/qr.svg", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (svg) { if (svg) { $("pay-qr").innerHTML = svg; } });
  }

  function paid() {
    done = true;
    box.hidden = true;
    $("pay-success").hidden = false;
    var badge = $("invoice-status");
    badge.textContent = "paid";
    badge.className = "badge paid";
  }

  function newQuote() {
    if (refreshing || done) { return; }
    refreshing = true;
    fetch("/api/v1/invoices/" + encodeURIComponent(number) + "/pay", {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf ? csrf.content : "" }
    }).then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        refreshing = false;
        if (!res.ok) {
          if (res.body.error === "already_paid") { paid(); return; }
          problem(res.body.message || "a new Lightning invoice could not be made; retrying");
          expires = Date.now() + 5000;
          return;
        }
        problem("");
        if (res.body.status === "PAID") { paid(); return; }
        $("pay-pending").hidden = res.body.status !== "PENDING";
        if (res.body.bolt11) {
          $("pay-sats").textContent = res.body.amount_sats;
          show(res.body.bolt11, res.body.expires_at);
        }
      })
      .catch(function () { refreshing = false; expires = Date.now() + 5000; });
  }

  function tick() {
    if (done) { return; }
    var left = Math.max(0, Math.round((expires - Date.now()) / 1000));
    $("pay-countdown").textContent = expires ? (Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2)) : "…";
    if (!bolt11 || left <= 0) { newQuote(); }
  }

  function poll() {
    if (done) { return; }
    fetch("/api/v1/invoices/" + encodeURIComponent(number), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) { return; }
        if (s.status === "PAID") { paid(); return; }
        $("pay-pending").hidden = !(s.payment && s.payment.state === "PENDING");
      })
      .catch(function () { /* next poll tries again */ });
  }

  $("pay-copy").addEventListener("click", function () {
    if (!bolt11) { return; }
    var done = function () { $("pay-copied").textContent = "Copied."; };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(bolt11).then(done, function () { $("pay-bolt11").select(); });
    } else {
      $("pay-bolt11").select();
      document.execCommand("copy");
      done();
    }
  });

  if (window.webln) {
    var button = $("pay-webln");
    button.hidden = false;
    button.addEventListener("click", function () {
      if (!bolt11) { return; }
      window.webln.enable()
        .then(function () { return window.webln.sendPayment(bolt11); })
        .then(function () { poll(); })
        .catch(function (e) { problem("The browser wallet did not pay: " + (e && e.message ? e.message : e)); });
    });
  }

  tick();
  setInterval(tick, 1000);
  setInterval(poll, 3000);
  // Demo only: the simulated Strike pays the current invoice, as a wallet would.
  var simulate = $("pay-simulate");
  if (simulate) {
    simulate.addEventListener("click", function () {
      var csrf = document.querySelector('meta[name="csrf-token"]');
      fetch("/demo/simulate-payment", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf ? csrf.content : "" },
        body: new URLSearchParams({ bolt11: bolt11 })
      }).then(function (r) { if (!r.ok) { problem("The simulator could not pay this invoice."); } else { poll(); } });
    });
  }
})();
