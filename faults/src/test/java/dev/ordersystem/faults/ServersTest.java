package dev.ordersystem.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which servers the suite hits (the machine's by default, private ones by FAULTS_*), and that its SIGKILL hits only its own mariadbd. */
class ServersTest {
    @Test
    void byDefaultTheMachinesServersOnTheStandardPorts() {
        Servers servers = Servers.fromEnvironment(Map.of());
        assertThat(servers.mariadbPort()).isEqualTo(3306);
        assertThat(servers.redisPort()).isEqualTo(6379);
        assertThat(servers.describe()).isEqualTo("MariaDB 127.0.0.1:3306, Redis 127.0.0.1:6379");
    }

    @Test
    void privateServersByEnvironment(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data/mysql"));
        Servers servers = Servers.fromEnvironment(Map.of("FAULTS_MARIADB_PORT", "3307", "FAULTS_MARIADB_DIR", dir.toString(),
                "FAULTS_REDIS_PORT", "6380", "FAULTS_REDIS_DIR", dir.toString()));
        assertThat(servers.mariadbPort()).isEqualTo(3307);
        assertThat(servers.redisPort()).isEqualTo(6380);
        assertThat(servers.describe()).contains("127.0.0.1:3307 (private, " + dir, "127.0.0.1:6380 (private, " + dir);
    }

    @Test
    void badSettingsAreRefusedNamingTheirVariable(@TempDir Path dir) {
        assertThatThrownBy(() -> Servers.fromEnvironment(Map.of("FAULTS_MARIADB_PORT", "33o7"))).hasMessageContaining("FAULTS_MARIADB_PORT");
        assertThatThrownBy(() -> Servers.fromEnvironment(Map.of("FAULTS_REDIS_PORT", "70000"))).hasMessageContaining("FAULTS_REDIS_PORT");
        assertThatThrownBy(() -> Servers.fromEnvironment(Map.of("FAULTS_MARIADB_DIR", dir.toString())))
                .hasMessageContaining("FAULTS_MARIADB_DIR").hasMessageContaining("mariadb-install-db");
    }

    @Test
    void theDatabaseCrashKillsNothingButTheServersOwnMariadbd(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data/mysql"));
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dir.resolve("mysqld.pid"), other.pid() + "\n");
            Servers servers = Servers.fromEnvironment(Map.of("FAULTS_MARIADB_PORT", "3307", "FAULTS_MARIADB_DIR", dir.toString()));
            assertThatThrownBy(servers::crashMariaDb).hasMessageContaining("not mariadbd");
            assertThat(other.waitFor(200, TimeUnit.MILLISECONDS)).as("the process in the pid file survives").isFalse();
        } finally {
            other.destroyForcibly();
        }
    }
}
