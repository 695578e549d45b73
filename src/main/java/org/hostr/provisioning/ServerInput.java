package org.hostr.provisioning;

/**
 * What an admin (or the config file) sends to add or edit a server. On an edit, null fields keep their value and a
 * null or blank token keeps the stored one.
 */
public record ServerInput(String name, String url, String user, String token, String tlsFingerprint, Long maxAccounts,
                          Boolean active, String nameservers) {

    @Override
    public String toString() {
        return "ServerInput[name=" + name + ", url=" + url + ", user=" + user + ", token="
                + (token == null || token.isBlank() ? "(unchanged)" : "***") + ", tlsFingerprint=" + tlsFingerprint
                + ", maxAccounts=" + maxAccounts + ", active=" + active + "]";
    }
}
