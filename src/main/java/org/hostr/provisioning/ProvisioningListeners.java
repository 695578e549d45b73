package org.hostr.provisioning;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;

/** The listeners of one provisioning module; features add theirs while the application is wired. */
public final class ProvisioningListeners implements ProvisioningListener {
    private final List<ProvisioningListener> listeners = new CopyOnWriteArrayList<>();

    public void add(ProvisioningListener listener) {
        listeners.add(listener);
    }

    @Override
    public void statusChanged(DSLContext tx, HostingService before, ServiceStatus to) {
        listeners.forEach(l -> l.statusChanged(tx, before, to));
    }

    @Override
    public void driftFound(DSLContext tx, List<DriftReport.Finding> fresh) {
        listeners.forEach(l -> l.driftFound(tx, fresh));
    }
}
