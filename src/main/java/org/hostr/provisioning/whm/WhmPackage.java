package org.hostr.provisioning.whm;

/**
 * A hosting package from listpkgs.
 *
 * @param quota   disk quota in MB as WHM writes it: a number or "unlimited"
 * @param bwlimit monthly bandwidth in MB as WHM writes it: a number or "unlimited"
 */
public record WhmPackage(String name, String quota, String bwlimit) {
}
