package dev.ordersystem.http;

import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A burst of new connections (a flash sale) is queued by the kernel, not dropped at 50. */
class ConnectionBurstTest {

    @Test
    void theListeningSocketQueuesAThousandConnections() {
        try (TestServer server = TestServer.start()) {
            var connectors = server.app().jettyServer().server().getConnectors();
            assertThat(connectors).isNotEmpty().allSatisfy(connector -> assertThat(connector)
                    .isInstanceOfSatisfying(ServerConnector.class, network ->
                            assertThat(network.getAcceptQueueSize()).isEqualTo(HttpApi.ACCEPT_QUEUE)));
            assertThat(server.get("/health/live", null).status()).isEqualTo(200);
        }
    }
}
