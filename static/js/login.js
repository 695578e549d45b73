// NIP-07 login: fetch a challenge, have the signer sign a kind-27235 event for the exact login URL, post it.
(function () {
  "use strict";
  var statusBox = document.getElementById("login-status");
  var section = document.querySelector(".login");
  var next = (section && section.getAttribute("data-next")) || "/account";

  function say(text, isError) {
    statusBox.textContent = text;
    statusBox.className = isError ? "notice error" : "notice";
  }

  // Extensions inject window.nostr late (at document_end or after): wait a little before saying there is none.
  function waitForSigner(ms) {
    return new Promise(function (resolve) {
      if (window.nostr) { return resolve(window.nostr); }
      var waited = 0;
      var timer = setInterval(function () {
        waited += 100;
        if (window.nostr || waited >= ms) { clearInterval(timer); resolve(window.nostr || null); }
      }, 100);
    });
  }

  function getChallenge() {
    return fetch("/api/v1/auth/challenge", { headers: { "Accept": "application/json" } }).then(function (r) {
      if (!r.ok) { return r.json().then(function (e) { throw new Error(e.message || "could not start the login"); }); }
      return r.json();
    });
  }

  function template(challenge) {
    return {
      kind: 27235,
      created_at: Math.floor(Date.now() / 1000),
      tags: [["u", challenge.login_url], ["method", "POST"], ["challenge", challenge.challenge]],
      content: ""
    };
  }

  function base64Utf8(text) {
    var bytes = new TextEncoder().encode(text);
    var binary = "";
    bytes.forEach(function (b) { binary += String.fromCharCode(b); });
    return btoa(binary);
  }

  function postLogin(event) {
    return fetch("/api/v1/auth/login", {
      method: "POST",
      headers: { "Authorization": "Nostr " + base64Utf8(JSON.stringify(event)), "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          if (body.error === "stale") { throw new Error("Your computer's clock seems to be off by more than a minute. Correct it and try again."); }
          throw new Error(body.message || "the login was refused");
        }
        return body;
      });
    });
  }

  function done() {
    say("Logged in. One moment…", false);
    window.location.assign(next);
  }

  function withSigner() {
    say("Looking for a signer…", false);
    waitForSigner(1500).then(function (nostr) {
      if (!nostr) {
        say("No Nostr signer was found in this browser. Install Alby or nos2x, then reload this page.", true);
        return null;
      }
      return Promise.all([nostr.getPublicKey(), getChallenge()]).then(function (parts) {
        var pubkey = parts[0];
        say("Please approve the signature in your signer.", false);
        return nostr.signEvent(template(parts[1])).then(function (signed) {
          if (signed.pubkey && pubkey && signed.pubkey !== pubkey) {
            throw new Error("The signer signed with a different key than it reported; pick one account and try again.");
          }
          return postLogin(signed);
        }, function () {
          throw new Error("The signature was refused in the signer, so you are not logged in.");
        });
      }).then(function (answer) { if (answer) { done(); } });
    }).catch(function (e) { say(e.message, true); });
  }

  function withDemoKey(role) {
    say("Signing with the demo key…", false);
    getChallenge().then(function (challenge) {
      var form = new URLSearchParams({ role: role, challenge: challenge.challenge });
      return fetch("/demo/sign-login", { method: "POST", body: form }).then(function (r) {
        if (!r.ok) { throw new Error("the demo key could not sign"); }
        return r.json();
      });
    }).then(postLogin).then(done).catch(function (e) { say(e.message, true); });
  }

  var nip07 = document.getElementById("login-nip07");
  if (nip07) { nip07.addEventListener("click", withSigner); }
  var demoCustomer = document.getElementById("login-demo-customer");
  if (demoCustomer) { demoCustomer.addEventListener("click", function () { withDemoKey("customer"); }); }
  var demoAdmin = document.getElementById("login-demo-admin");
  if (demoAdmin) { demoAdmin.addEventListener("click", function () { withDemoKey("admin"); }); }

  // NIP-46: the server talks to the remote signer; the page starts an attempt and polls it until it ends.
  var nextPoll = null;

  function pollAttempt(attempt) {
    fetch("/api/v1/auth/nip46/" + encodeURIComponent(attempt), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (answer) {
        var body = answer.body;
        var authBox = document.getElementById("login-nip46-auth");
        if (!answer.ok) { authBox.hidden = true; say(body.message || "This login attempt is over; start again.", true); return; }
        if (body.status === "waiting" || body.status === "auth_url") {
          if (body.auth_url) {
            document.getElementById("login-nip46-auth-link").href = body.auth_url;
            authBox.hidden = false;
          }
          if (statusBox.textContent !== body.message) { say(body.message, false); }
          nextPoll = setTimeout(function () { pollAttempt(attempt); }, 1500);
          return;
        }
        authBox.hidden = true;
        if (body.status === "done") { done(); } else { say(body.message, true); }
      })
      // A network hiccup is not the end of the attempt: ask again a little later.
      .catch(function () { nextPoll = setTimeout(function () { pollAttempt(attempt); }, 3000); });
  }

  function startAttempt(path, body) {
    clearTimeout(nextPoll);
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: body,
      credentials: "same-origin"
    }).then(function (r) {
      return r.json().then(function (b) {
        if (!r.ok) { throw new Error(b.message || "the login could not start"); }
        return b;
      });
    });
  }

  function withBunker(event) {
    event.preventDefault();
    var uri = document.getElementById("login-nip46-bunker").value.trim();
    if (!uri) { say("Paste the bunker:// address from your signer first.", true); return; }
    say("Contacting your signer…", false);
    startAttempt("/api/v1/auth/nip46", JSON.stringify({ bunker: uri }))
      .then(function (b) { pollAttempt(b.attempt); })
      .catch(function (e) { say(e.message, true); });
  }

  function withQrCode() {
    say("Preparing a code…", false);
    startAttempt("/api/v1/auth/nip46/connect", "{}").then(function (b) {
      // The SVG is drawn by our server from the address below, not taken from anyone else.
      document.getElementById("login-nip46-qr-code").innerHTML = b.qr_svg;
      document.getElementById("login-nip46-uri").value = b.nostrconnect;
      document.getElementById("login-nip46-connect").hidden = false;
      say("Scan the code with your signer app, or copy the address into it, then approve the login there.", false);
      pollAttempt(b.attempt);
    }).catch(function (e) { say(e.message, true); });
  }

  function copyConnectAddress() {
    var field = document.getElementById("login-nip46-uri");
    var copied = function () { say("Address copied. Paste it into your signer app.", false); };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value).then(copied, function () { field.select(); });
    } else {
      field.select();
      document.execCommand("copy");
      copied();
    }
  }

  var nip46Form = document.getElementById("login-nip46-form");
  if (nip46Form) { nip46Form.addEventListener("submit", withBunker); }
  var nip46Qr = document.getElementById("login-nip46-qr");
  if (nip46Qr) { nip46Qr.addEventListener("click", withQrCode); }
  var nip46Copy = document.getElementById("login-nip46-copy");
  if (nip46Copy) { nip46Copy.addEventListener("click", copyConnectAddress); }
})();
