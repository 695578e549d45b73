package org.hostr.admin;

import java.util.Optional;

/**
 * The dashboard's line about the billing sweep's last run, such as "2026-11-21 02:00 UTC: 3 renewed, 1 expired, no
 * errors". Billing owns the sweep; the admin pages only show what it says. Empty when it has not run yet.
 */
@FunctionalInterface
public interface LastSweep {
    LastSweep NONE = Optional::empty;

    Optional<String> summary();
}
