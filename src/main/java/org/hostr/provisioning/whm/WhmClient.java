package org.hostr.provisioning.whm;

import static org.hostr.provisioning.whm.WhmTransport.Kind.CHANGE;
import static org.hostr.provisioning.whm.WhmTransport.Kind.READ;
import static org.hostr.provisioning.whm.WhmTransport.Kind.SLOW_CHANGE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The WHM API 1 functions Hostr uses, for one server. Every call either returns what WHM confirmed or throws a
 * {@link WhmException} saying what the caller can do about it. Nothing is retried here: whether a call may be
 * repeated is the caller's decision (createacct must not be, see {@link WhmTimeoutException}).
 */
public final class WhmClient implements AutoCloseable {
    private final WhmTransport transport;

    public WhmClient(WhmEndpoint endpoint, WhmTimeouts timeouts) {
        this.transport = new WhmTransport(endpoint, timeouts);
    }

    public WhmClient(WhmEndpoint endpoint) {
        this(endpoint, WhmTimeouts.DEFAULT);
    }

    /** WHM's version, such as "11.120.0.9"; the cheap call to test a server entry. */
    public String version() {
        return WhmParsing.text(call("version", Map.of(), READ).data().path("version"), "");
    }

    /**
     * Asks WHM whether it would accept the name for a new account: the real check, covering its full reserved
     * list, existing users and database prefixes. WHM says no with result 0, so a refusal is an answer here,
     * not an exception. A token lacking this function's ACL also reads as a refusal: cap the attempts.
     */
    public UsernameCheck verifyNewUsername(String username) {
        WhmReply reply = transport.call("verify_new_username", Map.of("user", username), READ);
        return new UsernameCheck(reply.ok(), reply.reason());
    }

    /**
     * Creates the account. Slow (tens of seconds) and not idempotent: on {@link WhmTimeoutException} look the
     * account up with {@link #findAccountByUser} instead of calling this again.
     */
    public CreatedAccount createAccount(CreateAccountRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("username", request.username());
        params.put("domain", request.domain());
        params.put("plan", request.plan());
        params.put("password", request.password()); // not also "pass": WHM wants only one of the two
        if (request.contactEmail() != null && !request.contactEmail().isBlank()) {
            params.put("contactemail", request.contactEmail());
        }
        WhmReply reply = call("createacct", params, SLOW_CHANGE);
        // WHM lowercases the name it stores.
        return WhmParsing.created(request.username().toLowerCase(Locale.ROOT), reply.data());
    }

    /** The account, or empty when WHM says the user does not exist. */
    public Optional<WhmAccount> accountSummary(String username) {
        WhmReply reply = transport.call("accountsummary", Map.of("user", username), READ);
        if (!reply.ok() && WhmFailureKind.of(reply.reason()) == WhmFailureKind.NO_SUCH_ACCOUNT) {
            return Optional.empty();
        }
        return WhmParsing.accounts(reply.orThrow().data()).stream().findFirst();
    }

    public Optional<WhmAccount> findAccountByUser(String username) {
        return findExact("user", username).stream()
                .filter(account -> account.user().equalsIgnoreCase(username))
                .findFirst();
    }

    /** The account whose main domain this is. */
    public Optional<WhmAccount> findAccountByDomain(String domain) {
        return findExact("domain", domain).stream()
                .filter(account -> account.domain().equalsIgnoreCase(domain))
                .findFirst();
    }

    public List<WhmAccount> listAccounts() {
        return WhmParsing.accounts(call("listaccts", Map.of(), READ).data());
    }

    public void suspend(String username, String reason) {
        call("suspendacct", Map.of("user", username, "reason", reason), CHANGE);
    }

    public void unsuspend(String username) {
        call("unsuspendacct", Map.of("user", username), CHANGE);
    }

    /**
     * Deletes the account and its DNS zone; irreversible. A missing account fails with
     * {@link WhmCallFailedException#isNoSuchAccount()}, which a terminate may count as done.
     */
    public void remove(String username) {
        call("removeacct", Map.of("username", username, "keepdns", "0"), CHANGE);
    }

    /** Moves the account to another package; WHM re-applies that package's limits. */
    public void changePackage(String username, String packageName) {
        call("changepackage", Map.of("user", username, "pkg", packageName), CHANGE);
    }

    /** Sets the cPanel password; WHM refuses passwords below its strength rule. */
    public void setPassword(String username, String password) {
        call("passwd", Map.of("user", username, "password", password), CHANGE);
    }

    public List<WhmPackage> listPackages() {
        return WhmParsing.packages(call("listpkgs", Map.of(), READ).data());
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "WhmClient[" + transport.server() + "]";
    }

    private List<WhmAccount> findExact(String searchType, String value) {
        Map<String, String> params = Map.of("searchtype", searchType, "search", value, "searchmethod", "exact");
        // Filtered again by the callers in case a server treats the search as a regex after all.
        return WhmParsing.accounts(call("listaccts", params, READ).data());
    }

    private WhmReply call(String function, Map<String, String> params, WhmTransport.Kind kind) {
        return transport.call(function, params, kind).orThrow();
    }
}
