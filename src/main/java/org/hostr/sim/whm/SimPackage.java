package org.hostr.sim.whm;

/**
 * A hosting package on the simulated server.
 *
 * @param quotaMb   disk quota in MB, 0 for unlimited
 * @param bwlimitMb monthly bandwidth in MB, 0 for unlimited
 */
public record SimPackage(String name, long quotaMb, long bwlimitMb) {

    String quotaText() {
        return quotaMb == 0 ? "unlimited" : Long.toString(quotaMb);
    }

    String bwlimitText() {
        return bwlimitMb == 0 ? "unlimited" : Long.toString(bwlimitMb);
    }
}
