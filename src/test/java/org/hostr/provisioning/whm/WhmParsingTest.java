package org.hostr.provisioning.whm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WHM's data shapes are read leniently: absent lists, numbers as strings, flags as strings. */
class WhmParsingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noMatchMayBeAnEmptyListOrNoListAtAll() throws Exception {
        assertThat(WhmParsing.accounts(json("{\"acct\":[]}"))).isEmpty();
        assertThat(WhmParsing.accounts(json("{}"))).isEmpty();
        assertThat(WhmParsing.accounts(MissingNode.getInstance())).isEmpty();
    }

    @Test
    void flagsAndLimitsMayComeAsStrings() throws Exception {
        JsonNode data = json("{\"acct\":{\"user\":\"shop\",\"domain\":\"shop.example\",\"plan\":\"basic\","
                + "\"suspended\":\"1\",\"suspendreason\":\"unpaid\",\"disklimit\":\"unlimited\",\"diskused\":\"14M\"}}");

        assertThat(WhmParsing.accounts(data)).containsExactly(
                new WhmAccount("shop", "shop.example", "basic", true, "unpaid", "14M", "unlimited"));
    }

    @Test
    void activeAccountHasNoSuspendReason() throws Exception {
        JsonNode acct = json("{\"user\":\"shop\",\"suspended\":0,\"suspendreason\":\"not suspended\"}");

        WhmAccount account = WhmParsing.account(acct);

        assertThat(account.suspended()).isFalse();
        assertThat(account.suspendReason()).isNull();
        assertThat(account.diskUsed()).isEqualTo("*unknown*");
    }

    @Test
    void packagesAcceptUppercaseOrLowercaseKeys() throws Exception {
        JsonNode data = json("{\"pkg\":[{\"name\":\"a\",\"QUOTA\":\"1024\",\"BWLIMIT\":\"unlimited\"},"
                + "{\"name\":\"b\",\"quota\":512,\"bwlimit\":2048}]}");

        assertThat(WhmParsing.packages(data)).containsExactly(
                new WhmPackage("a", "1024", "unlimited"), new WhmPackage("b", "512", "2048"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"14M, 14", "1024, 1024", "2G, 2048", "1.5 GB, 1536", "512K, 1", "10 MB, 10"})
    void readsSizesInMegabytes(String text, long megabytes) {
        assertThat(DiskSize.megabytes(text)).hasValue(megabytes);
    }

    @ParameterizedTest
    @CsvSource({"unlimited", "*unknown*", "none"})
    void unreadableSizesAreEmpty(String text) {
        assertThat(DiskSize.megabytes(text)).isEqualTo(OptionalLong.empty());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
