package org.hostr.provisioning.whm;

import java.util.Optional;

/**
 * The answer of verify_new_username.
 *
 * @param ok     WHM would accept the name for a new account
 * @param reason WHM's reason when not ok ("reserved", "already has an account", invalid characters…)
 */
public record UsernameCheck(boolean ok, String reason) {

    /** Why the name was refused, sorted; empty when it is usable. */
    public Optional<WhmFailureKind> refusal() {
        return ok ? Optional.empty() : Optional.of(WhmFailureKind.of(reason));
    }
}
