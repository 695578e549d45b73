package org.hostr.provisioning.whm;

import java.util.OptionalLong;

/**
 * A cPanel account as accountsummary or listaccts describe it.
 *
 * @param suspendReason WHM's reason while suspended; null when not suspended (WHM's representation for an active
 *                      account is UNCONFIRMED: null, empty and "not suspended" are all read as none)
 * @param diskUsed      as WHM writes it, such as "14M" or "*unknown*"
 * @param diskLimit     as WHM writes it, such as "unlimited" or "1024M"
 */
public record WhmAccount(String user, String domain, String plan, boolean suspended, String suspendReason,
                         String diskUsed, String diskLimit) {

    /** The disk limit in MB; empty for "unlimited" or a value that cannot be read. */
    public OptionalLong diskLimitMegabytes() {
        return DiskSize.megabytes(diskLimit);
    }

    /** The disk used in MB; empty for "*unknown*" or a value that cannot be read. */
    public OptionalLong diskUsedMegabytes() {
        return DiskSize.megabytes(diskUsed);
    }
}
