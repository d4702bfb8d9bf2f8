package dev.ordersystem.core.usecase.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordsTest {
    private final Passwords passwords = new Passwords(1_000);

    @Test
    void matchesOnlyTheRightPassword() {
        String stored = passwords.hash("correct horse");

        assertThat(passwords.matches("correct horse", stored)).isTrue();
        assertThat(passwords.matches("correct hors", stored)).isFalse();
        assertThat(passwords.matches("", stored)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(passwords.hash("same")).isNotEqualTo(passwords.hash("same"));
    }

    @Test
    void keepsTheIterationCountWithTheHash() {
        String strong = new Passwords(20_000).hash("pw");

        assertThat(strong).startsWith("pbkdf2-sha256$20000$");
        assertThat(passwords.matches("pw", strong)).isTrue();
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        assertThat(passwords.matches("pw", "")).isFalse();
        assertThat(passwords.matches("pw", "md5$abc")).isFalse();
        assertThat(passwords.matches("pw", "pbkdf2-sha256$x$y$z")).isFalse();
        assertThat(passwords.matches("pw", "pbkdf2-sha256$1000$!!$!!")).isFalse();
    }

    @Test
    void aDecoyHasTheShapeAndCostOfARealHashButMatchesNothing() {
        String decoy = passwords.decoy();
        String real = passwords.hash("decoy");

        assertThat(decoy).startsWith("pbkdf2-sha256$1000$");
        assertThat(decoy.split("\\$")).hasSameSizeAs(real.split("\\$"));
        assertThat(decoy.length()).isEqualTo(real.length());
        assertThat(passwords.matches("decoy", decoy)).isFalse();
        assertThat(passwords.matches("", decoy)).isFalse();
        assertThat(passwords.decoy()).isNotEqualTo(decoy);
    }
}
