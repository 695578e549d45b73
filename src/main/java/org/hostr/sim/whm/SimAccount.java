package org.hostr.sim.whm;

/**
 * A cPanel account on the simulated server. Immutable; changes replace it in {@link SimState}.
 *
 * @param suspendReason null while not suspended
 * @param suspendedAt   epoch seconds, 0 while not suspended
 */
public record SimAccount(String user, String domain, String plan, String contactEmail, String password, String ip,
                         boolean suspended, String suspendReason, long suspendedAt, boolean locked,
                         long createdAt) {

    static SimAccount created(String user, String domain, String plan, String contactEmail, String password,
                              String ip) {
        return new SimAccount(user, domain, plan, contactEmail, password, ip, false, null, 0, false,
                System.currentTimeMillis() / 1000);
    }

    SimAccount suspend(String reason, boolean lock) {
        return new SimAccount(user, domain, plan, contactEmail, password, ip, true, reason,
                System.currentTimeMillis() / 1000, lock, createdAt);
    }

    SimAccount unsuspend() {
        return new SimAccount(user, domain, plan, contactEmail, password, ip, false, null, 0, false, createdAt);
    }

    SimAccount withPlan(String newPlan) {
        return new SimAccount(user, domain, newPlan, contactEmail, password, ip, suspended, suspendReason,
                suspendedAt, locked, createdAt);
    }

    SimAccount withPassword(String newPassword) {
        return new SimAccount(user, domain, plan, contactEmail, newPassword, ip, suspended, suspendReason,
                suspendedAt, locked, createdAt);
    }

    @Override
    public String toString() {
        return "SimAccount[user=" + user + ", domain=" + domain + ", plan=" + plan + ", suspended=" + suspended
                + (suspended ? ", reason=" + suspendReason : "") + "]";
    }
}
