package org.hostr.provisioning;

import java.util.EnumSet;
import java.util.Set;

/** A hosting service's state (ARCHITECTURE §4), as stored in services.status. */
public enum ServiceStatus {
    PENDING, PROVISIONING, ACTIVE, EXPIRED, SUSPENDED, TERMINATED, CANCELLED;

    /** States in which a cPanel account should exist on WHM. */
    public static final Set<ServiceStatus> HAS_ACCOUNT = EnumSet.of(ACTIVE, EXPIRED, SUSPENDED);

    /** States that still take a place on a server. */
    public boolean live() {
        return this != TERMINATED && this != CANCELLED;
    }

    /** The suspended states: EXPIRED (non-payment, restored when paid) and SUSPENDED (by an admin). */
    public boolean suspended() {
        return this == EXPIRED || this == SUSPENDED;
    }
}
