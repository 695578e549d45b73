package org.hostr.provisioning;

/** What a customer needs to log in to cPanel. Never logged: toString hides the password. */
public record Credentials(long serviceId, String domain, String cpanelUrl, String username, String password) {

    @Override
    public String toString() {
        return "Credentials[serviceId=" + serviceId + ", domain=" + domain + ", cpanelUrl=" + cpanelUrl + ", username="
                + username + ", password=***]";
    }
}
