package org.hostr.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountPasswordsTest {

    @Test
    void everyPasswordHasTwentyCharactersOfAllFourKinds() {
        AccountPasswords passwords = new AccountPasswords();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String p = passwords.next();
            assertThat(p).hasSize(20).matches(".*[a-z].*").matches(".*[A-Z].*").matches(".*[0-9].*")
                    .matches(".*[!@^*\\-_.,:~].*").doesNotContain("\"", "'", "\\", " ", "&", "%", "#", "=", "+");
            seen.add(p);
        }
        assertThat(seen).hasSize(500);
    }
}
