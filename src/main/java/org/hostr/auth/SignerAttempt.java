package org.hostr.auth;

import java.time.Instant;

/**
 * One remote-signer login in progress. It is reachable only with its id (256 random bits) together with the
 * browser cookie that started it, and it leaves memory once its final state has been read or it has expired.
 * Once final it never changes: a late answer from the signer cannot turn a refusal into a login.
 */
final class SignerAttempt {
    private final String id;
    private final String browserToken;
    private final String clientAddress;
    private final Instant expiresAt;
    // Guarded by this: written by relay and timer threads, read by the polling request.
    private SignerAttemptStatus status = SignerAttemptStatus.WAITING;
    private String message = "Waiting for your signer.";
    private String code;
    private String authUrl;
    private LoginService.LoggedIn loggedIn;
    private AutoCloseable signer;

    /** What a poll sees. {@code loggedIn} is set only when {@code status} is DONE. */
    record View(SignerAttemptStatus status, String message, String code, String authUrl, LoginService.LoggedIn loggedIn) {
    }

    SignerAttempt(String id, String browserToken, String clientAddress, Instant expiresAt) {
        this.id = id;
        this.browserToken = browserToken;
        this.clientAddress = clientAddress;
        this.expiresAt = expiresAt;
    }

    String id() {
        return id;
    }

    String browserToken() {
        return browserToken;
    }

    String clientAddress() {
        return clientAddress;
    }

    boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    synchronized View view() {
        return new View(status, message, code, authUrl, loggedIn);
    }

    synchronized boolean inProgress() {
        return !status.isFinal();
    }

    /** The conversation to end if the attempt is dropped before it finishes on its own. */
    synchronized void attach(AutoCloseable conversation) {
        this.signer = conversation;
    }

    /** What to tell the person while nothing has gone wrong yet; ignored once the signer asked for a page or it ended. */
    synchronized void waiting(String text) {
        if (status == SignerAttemptStatus.WAITING) {
            message = text;
        }
    }

    synchronized void authUrl(String url) {
        if (!status.isFinal()) {
            status = SignerAttemptStatus.AUTH_URL;
            authUrl = url;
            message = "Your signer asks you to open a page to approve this login. Open it, approve, and keep this page open.";
        }
    }

    synchronized void done(LoginService.LoggedIn in) {
        finish(SignerAttemptStatus.DONE, null, "Logged in.");
        if (status == SignerAttemptStatus.DONE) {
            loggedIn = in;
        }
    }

    synchronized void end(SignerAttemptStatus finalStatus, String errorCode, String text) {
        finish(finalStatus, errorCode, text);
    }

    /** Closes the signer conversation, if still open; used when an attempt expires or is evicted. */
    void abandon() {
        AutoCloseable conversation;
        synchronized (this) {
            conversation = signer;
            signer = null;
        }
        if (conversation != null) {
            try {
                conversation.close();
            } catch (Exception e) {
                // Closing only cancels sockets; nothing to report to anyone.
            }
        }
    }

    private void finish(SignerAttemptStatus finalStatus, String errorCode, String text) {
        if (status.isFinal()) {
            return;
        }
        status = finalStatus;
        code = errorCode;
        message = text;
        authUrl = null;
    }
}
