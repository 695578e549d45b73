package org.hostr.provisioning.whm;

import java.util.List;

/**
 * What createacct reported back.
 *
 * @param username    as WHM stores it (lowercased)
 * @param ip          the account's IP address
 * @param plan        the package WHM applied ({@code data.package})
 * @param nameservers the non-empty {@code nameserver…nameserver4} values, in order
 */
public record CreatedAccount(String username, String ip, String plan, List<String> nameservers) {

    public CreatedAccount {
        nameservers = List.copyOf(nameservers);
    }
}
