package org.hostr.provisioning;

import java.time.Instant;

/**
 * One row of services as provisioning reads it. The password stays encrypted here; only
 * {@link ProvisioningService#credentials} decrypts it, on request.
 *
 * @param serverId null until a server is chosen
 * @param username null until one is chosen (it is stored before createacct)
 */
public record HostingService(long id, long customerId, long planId, Long serverId, String domain, String username,
                             String passwordEnc, ServiceStatus status, String suspendReason, Instant updatedAt) {

    @Override
    public String toString() {
        return "HostingService[id=" + id + ", domain=" + domain + ", username=" + username + ", status=" + status
                + ", serverId=" + serverId + ", password=" + (passwordEnc == null ? "none" : "***") + "]";
    }
}
