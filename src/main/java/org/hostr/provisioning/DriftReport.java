package org.hostr.provisioning;

import java.time.Instant;
import java.util.List;

/**
 * What the last drift check found: where WHM and our services disagree. Nothing is fixed automatically.
 *
 * @param checkedAt null when no check has run in this instance yet
 */
public record DriftReport(Instant checkedAt, List<Finding> findings) {
    public static final DriftReport NONE = new DriftReport(null, List.of());

    public DriftReport {
        findings = List.copyOf(findings);
    }

    /** One disagreement. */
    public enum Kind {
        /** Ours ACTIVE, EXPIRED or SUSPENDED, but WHM has no such account. */
        MISSING_ACCOUNT,
        /** Ours ACTIVE, WHM has it suspended. */
        UNEXPECTEDLY_SUSPENDED,
        /** Ours EXPIRED or SUSPENDED, WHM has it running. */
        UNEXPECTEDLY_ACTIVE,
        /** The account's package is not the plan's whm_package. */
        WRONG_PACKAGE,
        /** An account on our server that no live service of ours owns. */
        UNKNOWN_ACCOUNT,
        /** The server could not be asked. */
        SERVER_UNREACHABLE
    }

    /**
     * @param serviceId null for accounts we do not know and for unreachable servers
     * @param username  null for unreachable servers
     */
    public record Finding(Kind kind, long serverId, String server, Long serviceId, String username, String domain,
                          String details) {

        /** Same disagreement, whatever the wording: used to write each one to the audit log once. */
        String identity() {
            return kind + "|" + serverId + "|" + serviceId + "|" + username;
        }
    }
}
