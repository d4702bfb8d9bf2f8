package dev.ordersystem.http.cors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorsOriginsTest {
    @Test
    void exactOriginsAreAllowedAndNothingElse() {
        CorsOrigins origins = CorsOrigins.parse(" https://shop.example.com, http://127.0.0.1:5173 ");
        assertThat(origins.allows("https://shop.example.com")).isTrue();
        assertThat(origins.allows("http://127.0.0.1:5173")).isTrue();
        assertThat(origins.allows("https://shop.example.com.evil.test")).isFalse();
        assertThat(origins.allows("http://shop.example.com")).isFalse();
        assertThat(origins.allows("null")).isFalse();
        assertThat(origins.allows(null)).isFalse();
    }

    @Test
    void blankIsNoneAndStarIsAny() {
        assertThat(CorsOrigins.parse("").isEmpty()).isTrue();
        assertThat(CorsOrigins.parse(" ").allows("https://shop.example.com")).isFalse();
        assertThat(CorsOrigins.parse("*").allows("https://anything.example")).isTrue();
    }

    @Test
    void whatIsNotAnOriginIsRefusedNamingIt() {
        assertThatThrownBy(() -> CorsOrigins.parse("https://shop.example.com/")).hasMessageContaining("'https://shop.example.com/' is not an origin");
        assertThatThrownBy(() -> CorsOrigins.parse("https://shop.example.com/app")).hasMessageContaining("is not an origin");
        assertThatThrownBy(() -> CorsOrigins.parse("shop.example.com")).hasMessageContaining("'shop.example.com' is not an origin");
        assertThatThrownBy(() -> CorsOrigins.parse("ftp://shop.example.com")).hasMessageContaining("is not an origin");
        assertThatThrownBy(() -> CorsOrigins.parse("https://user@shop.example.com")).hasMessageContaining("is not an origin");
        assertThatThrownBy(() -> CorsOrigins.parse("https://shop.example.com,,https://b.example")).hasMessageContaining("empty entry");
        assertThatThrownBy(() -> CorsOrigins.parse("https://Shop.example.com")).hasMessageContaining("lower case");
        assertThatThrownBy(() -> CorsOrigins.parse("https://shop.example.com:443")).hasMessageContaining("default port");
        assertThatThrownBy(() -> CorsOrigins.parse("*, https://shop.example.com")).hasMessageContaining("* alone");
    }
}
