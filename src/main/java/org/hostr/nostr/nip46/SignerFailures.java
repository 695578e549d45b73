package org.hostr.nostr.nip46;

import java.util.concurrent.CompletionException;

/** How a failed conversation step reaches the caller: the real reason, whatever wrapped it on the way. */
public final class SignerFailures {
    private SignerFailures() {
    }

    /**
     * The reason behind a failed stage: a {@link SignerRefusedException}, a {@link RemoteSignerException}, a
     * {@link java.util.concurrent.TimeoutException}, or whatever the caller's own stages threw.
     */
    public static Throwable cause(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
