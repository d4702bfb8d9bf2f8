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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standalone sandbox provider's memory across restarts: every new version of a trade, and of a
 * refund (a line with {@code "record":"refund"}), appended as one JSON line, replayed at the next
 * start (the last line of a trade or refund wins). A real provider never forgets a trade it opened
 * or took money for, nor a refund it made, so a sandbox killed and started again must not either: a
 * shop asking about a refund whose answer it lost must hear of it, not "not found" (it would ask
 * again, and a second refund would be refused as more than is left). Each line goes to the file before the change is answered; the process being killed
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

    /** What a journal holds: every trade and every refund, each in its last version (a refund with its trade's last version). */
    public record Replayed(List<SandboxTrade> trades, List<SandboxRefunds.SandboxRefund> refunds) {
    }

    /** The trades and refunds written to {@code path}, read once; none when there is no file. A torn last line is skipped. */
    public static Replayed replay(Path path) {
        List<JsonNode> nodes = lines(path);
        Map<String, SandboxTrade> trades = new LinkedHashMap<>();
        for (JsonNode node : nodes) {
            if (isRefund(node)) continue;
            SandboxTrade trade = trade(node);
            trades.put(trade.channel() + " " + trade.outTradeNo(), trade);
        }
        Map<String, SandboxRefunds.SandboxRefund> refunds = new LinkedHashMap<>();
        for (JsonNode node : nodes) {
            if (!isRefund(node)) continue;
            SandboxTrade trade = trades.get(node.path("channel").asText() + " " + node.path("outTradeNo").asText());
            if (trade == null) throw new IllegalStateException("the sandbox's journal has a refund of a trade it does not have: " + node);
            SandboxRefunds.SandboxRefund refund = new SandboxRefunds.SandboxRefund(trade.channel(), node.path("refundNo").asText(),
                    node.path("refundId").asText(), trade, node.path("amount").asLong(), node.path("reason").asText(),
                    node.path("notifyUrl").asText(), Instant.parse(node.path("createdAt").asText()), instant(node, "succeededAt"));
            refunds.put(refund.channel() + " " + refund.refundNo(), refund);
        }
        return new Replayed(new ArrayList<>(trades.values()), new ArrayList<>(refunds.values()));
    }

    private static boolean isRefund(JsonNode node) {
        return node.path("record").asText("trade").equals("refund");
    }

    private static List<JsonNode> lines(Path path) {
        if (!Files.exists(path)) return List.of();
        List<JsonNode> nodes = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                try {
                    nodes.add(JSON.readTree(line));
                } catch (IOException torn) {
                    // a line cut short by the kill: the change was never answered
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox's trade journal " + path, e);
        }
        return nodes;
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
        write(node);
    }

    /** Appends one version of a refund (its trade by channel and out_trade_no). */
    public synchronized void append(SandboxRefunds.SandboxRefund refund) {
        ObjectNode node = JSON.createObjectNode().put("record", "refund").put("channel", refund.channel().name())
                .put("outTradeNo", refund.trade().outTradeNo()).put("refundNo", refund.refundNo()).put("refundId", refund.refundId())
                .put("amount", refund.amount()).put("reason", refund.reason()).put("notifyUrl", refund.notifyUrl())
                .put("createdAt", refund.createdAt().toString());
        refund.succeeded().ifPresent(at -> node.put("succeededAt", at.toString()));
        write(node);
    }

    private void write(ObjectNode node) {
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
