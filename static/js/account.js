// Account page: the cPanel login on request, a new cPanel password, and the delete-account flow (typed confirmation,
// CSRF token from the page). Renewing and changing plan are plain forms.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]');

  // cPanel login details: fetched only when asked for, never kept in the page's HTML.
  function showCredentials(button) {
    var id = button.getAttribute("data-service");
    var box = document.getElementById("credentials-" + id);
    fetch("/api/v1/services/" + id + "/credentials", { credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        box.textContent = "";
        if (!res.ok) { box.textContent = res.body.message || "not available yet"; return; }
        [["cPanel", res.body.cpanel_url], ["Username", res.body.username], ["Password", res.body.password]].forEach(function (pair) {
          var line = document.createElement("div");
          line.className = "mono";
          line.textContent = pair[0] + ": " + pair[1];
          box.appendChild(line);
        });
      });
  }
  function resetPassword(button) {
    var id = button.getAttribute("data-service");
    var box = document.getElementById("credentials-" + id);
    fetch("/api/v1/services/" + id + "/reset-password", {
      method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": csrf ? csrf.content : "" }
    }).then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        box.textContent = res.ok ? "A new password is being set; show the login again in a moment." : (res.body.message || "could not reset");
      });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".show-credentials"), function (b) {
    b.addEventListener("click", function () { showCredentials(b); });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".reset-password"), function (b) {
    b.addEventListener("click", function () { resetPassword(b); });
  });

  var form = document.getElementById("delete-account");
  if (!form) { return; }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var status = document.getElementById("delete-status");
    fetch("/api/v1/me", {
      method: "DELETE",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf ? csrf.content : "" },
      body: JSON.stringify({ confirm: document.getElementById("delete-confirm").value })
    }).then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        if (res.ok) { window.location.assign("/"); return; }
        status.textContent = res.body.message || "the account could not be deleted";
        status.className = "notice error";
      });
  });
})();
