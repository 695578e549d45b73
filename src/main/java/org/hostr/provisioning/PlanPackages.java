package org.hostr.provisioning;

import java.util.Optional;

/**
 * The WHM package of a plan. The catalog owns plans; provisioning asks through this so it never reads the catalog's
 * table. Wire it as {@code id -> catalog.plan(id).map(Plan::whmPackage)}.
 */
@FunctionalInterface
public interface PlanPackages {
    Optional<String> whmPackage(long planId);
}
