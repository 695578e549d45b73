// Account page: the delete-account flow (typed confirmation, CSRF token from the page).
(function () {
  "use strict";
  var form = document.getElementById("delete-account");
  if (!form) { return; }
  var csrf = document.querySelector('meta[name="csrf-token"]');
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
