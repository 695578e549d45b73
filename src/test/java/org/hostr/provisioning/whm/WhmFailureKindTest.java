package org.hostr.provisioning.whm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WHM reasons carry XID prefixes, typographic quotes and varying wording; they are sorted by substrings. */
class WhmFailureKindTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "(XID 3ukx6c) The domain “example.com” already exists in the userdata. | DOMAIN_TAKEN",
            "The domain example.com already exists.                                 | DOMAIN_TAKEN",
            "Sorry, “gold” is not a valid pacakge name.                             | UNKNOWN_PACKAGE",
            "(XID aaaaaa) The package “gold” does not exist.                        | UNKNOWN_PACKAGE",
            "This system already has an account named “shop”.                       | USERNAME_TAKEN",
            "Sorry, a group for that username already exists.                       | USERNAME_TAKEN",
            "Sorry, a passwd entry for that username already exists                 | USERNAME_TAKEN",
            "(XID ab12cd) “apache” is a reserved username on this system.           | RESERVED_USERNAME",
            "(XID ab12cd) The account “ghost” does not exist.                       | NO_SUCH_ACCOUNT",
            "System user ghost doesn’t exist                                        | NO_SUCH_ACCOUNT",
            "ACCOUNT NOT FOUND                                                      | NO_SUCH_ACCOUNT",
            "Permission denied                                                      | PERMISSION_DENIED",
            "Function not found                                                     | OTHER",
            "Something else went wrong                                              | OTHER"})
    void sortsReasons(String reason, WhmFailureKind kind) {
        assertThat(WhmFailureKind.of(reason)).isEqualTo(kind);
    }
}
