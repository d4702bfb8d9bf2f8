package dev.ordersystem.core.usecase.event;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §15's address rules, address by address, with and without ORDER_WEBHOOK_ALLOW_PRIVATE. */
class TargetAddressRuleTest {

    @ParameterizedTest(name = "{0}: strict {1}, allowing private {2}")
    @CsvSource({
            "93.184.216.34, ok, ok",
            "2606:2800:220:1:248:1893:25c8:1946, ok, ok",
            "127.0.0.1, loopback, ok",
            "127.8.9.10, loopback, ok",
            "::1, loopback, ok",
            "10.0.0.7, private, ok",
            "172.16.0.1, private, ok",
            "172.31.255.255, private, ok",
            "172.32.0.1, ok, ok",
            "192.168.1.1, private, ok",
            "100.64.0.1, private, ok",
            "100.128.0.1, ok, ok",
            "fd00::1, private, ok",
            "169.254.169.254, link-local, link-local",
            "fe80::1, link-local, link-local",
            "0.0.0.0, unspecified, unspecified",
            "::, unspecified, unspecified",
            "224.0.0.1, multicast, multicast",
            "::ffff:169.254.169.254, link-local, link-local",
            "::ffff:127.0.0.1, loopback, ok"})
    void decides(String literal, String strict, String allowingPrivate) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);
        assertThat(verdict(new TargetAddressRule(false), address)).isEqualTo(strict);
        assertThat(verdict(new TargetAddressRule(true), address)).isEqualTo(allowingPrivate);
    }

    private static String verdict(TargetAddressRule rule, InetAddress address) {
        return rule.refusal(address).map(why -> why.substring(0, why.lastIndexOf(" address"))).orElse("ok");
    }
}
