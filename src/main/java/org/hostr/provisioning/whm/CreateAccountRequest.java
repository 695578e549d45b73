package org.hostr.provisioning.whm;

import java.util.Objects;

/**
 * What createacct needs. {@code plan} is the WHM package name (with the reseller prefix when a reseller owns it).
 *
 * @param contactEmail may be null
 */
public record CreateAccountRequest(String username, String domain, String plan, String password, String contactEmail) {

    public CreateAccountRequest {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "CreateAccountRequest[username=" + username + ", domain=" + domain + ", plan=" + plan
                + ", password=***, contactEmail=" + contactEmail + "]";
    }
}
