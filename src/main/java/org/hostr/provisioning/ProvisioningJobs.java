package org.hostr.provisioning;

/** The job kinds provisioning handles, and their idempotency keys. */
public final class ProvisioningJobs {
    public static final String PROVISION = "provision";
    public static final String SUSPEND = "suspend";
    public static final String UNSUSPEND = "unsuspend";
    public static final String TERMINATE = "terminate";
    public static final String CHANGE_PACKAGE = "change-package";
    public static final String RESET_PASSWORD = "reset-password";
    public static final String DRIFT_CHECK = "drift-check";

    private ProvisioningJobs() {
    }

    /** One provisioning per service, ever: a second request (a duplicate webhook, two settlements) is the same job. */
    static String provisionKey(long serviceId) {
        return "provision:service:" + serviceId;
    }

    /**
     * A lifecycle intent: the target and the service's version (its updated_at). Requests made before the change is
     * confirmed share a key, so a sweep running twice queues one job; once the change lands the version moves, so a
     * later suspend after an unsuspend is a new job.
     */
    static String intentKey(String kind, long serviceId, String target, long version) {
        return kind + ":service:" + serviceId + ":" + target + ":" + version;
    }
}
