package org.hostr.sim.whm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated server's accounts and packages. Every method locks this object; functions that check and then
 * change (createacct) hold the same lock around both steps with {@code synchronized (state)}.
 */
final class SimState {
    private final Map<String, SimAccount> accounts = new LinkedHashMap<>();
    private final Map<String, SimPackage> packages = new LinkedHashMap<>();

    synchronized Optional<SimAccount> account(String user) {
        return Optional.ofNullable(user == null ? null : accounts.get(user));
    }

    synchronized Optional<SimAccount> accountByDomain(String domain) {
        return accounts.values().stream().filter(a -> a.domain().equalsIgnoreCase(domain)).findFirst();
    }

    synchronized List<SimAccount> accounts() {
        return new ArrayList<>(accounts.values());
    }

    synchronized void put(SimAccount account) {
        accounts.put(account.user(), account);
    }

    synchronized boolean remove(String user) {
        return accounts.remove(user) != null;
    }

    synchronized Optional<SimPackage> findPackage(String name) {
        return Optional.ofNullable(packages.get(name));
    }

    synchronized List<SimPackage> packages() {
        return new ArrayList<>(packages.values());
    }

    synchronized void putPackage(SimPackage pkg) {
        packages.put(pkg.name(), pkg);
    }

    synchronized void clearPackages() {
        packages.clear();
    }

    synchronized void clearAccounts() {
        accounts.clear();
    }
}
