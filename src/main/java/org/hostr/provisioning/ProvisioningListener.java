package org.hostr.provisioning;

import java.util.List;
import org.jooq.DSLContext;

/**
 * Told what provisioning has done, inside the transaction that records it, so follow-up work (a notice to the
 * customer) commits with the change or not at all. Throwing rolls the change back and the job runs again.
 */
public interface ProvisioningListener {

    /**
     * A service's status changed after WHM confirmed it.
     *
     * @param before the service as it was, with its old status and version (updated_at)
     */
    default void statusChanged(DSLContext tx, HostingService before, ServiceStatus to) {
    }

    /** A drift check found disagreements this instance had not reported yet. */
    default void driftFound(DSLContext tx, List<DriftReport.Finding> fresh) {
    }
}
