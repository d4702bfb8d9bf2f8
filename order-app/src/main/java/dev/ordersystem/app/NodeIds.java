package dev.ordersystem.app;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The node id inside order numbers when {@code ORDER_NODE_ID} is not set: derived from the host
 * name and process id. Two instances can still draw the same number (about 1 in 1,000 per
 * pair), in which case the unique index on order numbers refuses the clash; set
 * {@code ORDER_NODE_ID} per instance when running several.
 */
final class NodeIds {
    private NodeIds() {
    }

    static int derived() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return Math.floorMod((host + "/" + ProcessHandle.current().pid()).hashCode(), 1_000);
    }
}
