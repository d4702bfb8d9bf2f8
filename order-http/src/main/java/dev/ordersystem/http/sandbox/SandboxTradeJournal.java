package dev.ordersystem.http.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersystem.core.domain.PaymentChannel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The standalone sandbox provider's memory across restarts: every new version of a trade appended
 * as one JSON line, replayed at the next start (the last line of a trade wins). A real provider
 * never forgets a trade it opened or took money for, so a sandbox killed and started again must
 * not either. Each line goes to the file before the change is answered; the process being killed
 * loses nothing the kernel has, which is what the fault suite does to it (a machine crash could lose
 * the newest lines: not a case the sandbox plays).
 */
public final class SandboxTradeJournal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileChannel file;

    private SandboxTradeJournal(FileChannel file) {
        this.file = file;
    }

    /** Opens (creating) {@code path} for appending. */
    public static SandboxTradeJournal open(Path path) {
        try {
            return new SandboxTradeJournal(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the sandbox's trade journal " + path, e);
        }
    }

    /** The trades written to {@code path}, each in its last version; none when there is no file. A torn last line is skipped. */
    public static List<SandboxTrade> replay(Path path) {
        if (!Files.exists(path)) return List.of();
        java.util.Map<String, SandboxTrade> last = new java.util.LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException torn) {
                    continue;
                }
                SandboxTrade trade = trade(node);
                last.put(trade.channel() + " " + trade.outTradeNo(), trade);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox's trade journal " + path, e);
        }
        return new ArrayList<>(last.values());
    }

    /** Appends one version of a trade. */
    public synchronized void append(SandboxTrade trade) {
        ObjectNode node = JSON.createObjectNode().put("channel", trade.channel().name()).put("outTradeNo", trade.outTradeNo())
                .put("kind", trade.kind()).put("amount", trade.amountMinor()).put("currency", trade.currency()).put("subject", trade.subject())
                .put("notifyUrl", trade.notifyUrl()).put("state", trade.state().name()).put("paid", trade.paidMinor())
                .put("payLink", trade.payLink()).put("createdAt", trade.createdAt().toString());
        trade.expiresAt().ifPresent(at -> node.put("expiresAt", at.toString()));
        trade.openId().ifPresent(id -> node.put("openId", id));
        trade.tradeNo().ifPresent(no -> node.put("tradeNo", no));
        trade.paidAt().ifPresent(at -> node.put("paidAt", at.toString()));
        ByteBuffer line = ByteBuffer.wrap((node + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) file.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's trade journal", e);
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SandboxTrade trade(JsonNode n) {
        return new SandboxTrade(PaymentChannel.valueOf(n.path("channel").asText()), n.path("outTradeNo").asText(), n.path("kind").asText(),
                n.path("amount").asLong(), n.path("currency").asText(), n.path("subject").asText(), instant(n, "expiresAt"),
                n.path("notifyUrl").asText(), text(n, "openId"), SandboxTrade.State.valueOf(n.path("state").asText()), text(n, "tradeNo"),
                n.path("paid").asLong(), instant(n, "paidAt"), n.path("payLink").asText(), Instant.parse(n.path("createdAt").asText()));
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
    }

    private static Optional<Instant> instant(JsonNode n, String field) {
        return text(n, field).map(Instant::parse);
    }
}
