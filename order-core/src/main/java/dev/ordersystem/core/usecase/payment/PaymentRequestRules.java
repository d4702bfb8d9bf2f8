package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.usecase.InputErrors;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a payment start needs before anything is read, written or sent (DESIGN §13, §10): a known
 * channel this shop has switched on, a scene of that channel, the openId a JSAPI payment needs and
 * the client address an H5 payment needs. Every fault at once, as 40005.
 */
public final class PaymentRequestRules {
    /** The longest openid kept (WeChat's are 28 characters). */
    public static final int OPEN_ID_MAX = 128;
    private static final Pattern OPEN_ID = Pattern.compile("[A-Za-z0-9_-]{1," + OPEN_ID_MAX + "}");
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private PaymentRequestRules() {
    }

    /** @throws dev.ordersystem.core.domain.ValidationFailed naming every refused field */
    public static void check(StartPaymentCommand command, Set<PaymentChannel> enabled) {
        InputErrors errors = new InputErrors();
        PaymentChannel channel = command.channel();
        if (errors.require(channel != null, "channel", FieldFault.ONE_OF, names(PaymentChannel.values()))) {
            errors.require(enabled.contains(channel), "channel", FieldFault.CHANNEL_OFF);
        }
        PaymentScene scene = command.scene();
        if (errors.require(scene != null, "scene", FieldFault.ONE_OF, names(PaymentScene.values())) && channel != null) {
            errors.require(scene.channel() == channel, "scene", FieldFault.SCENE_OF_CHANNEL, channel,
                    Arrays.stream(PaymentScene.values()).filter(s -> s.channel() == channel).map(Enum::name)
                            .collect(Collectors.joining(", ")));
        }
        if (scene == PaymentScene.JSAPI && errors.require(command.openId().isPresent(), "openId", FieldFault.REQUIRED)) {
            errors.require(OPEN_ID.matcher(command.openId().get()).matches(), "openId", FieldFault.LENGTH_BETWEEN, 1, OPEN_ID_MAX);
        }
        if (scene == PaymentScene.H5 && errors.require(command.clientIp().isPresent(), "clientIp", FieldFault.REQUIRED)) {
            errors.require(isIpAddress(command.clientIp().get()), "clientIp", FieldFault.IP_ADDRESS);
        }
        errors.throwIfAny();
    }

    /** A dotted IPv4 address or an IPv6 literal's characters (read as text: never resolved). */
    static boolean isIpAddress(String text) {
        return V4.matcher(text).matches() || (text.contains(":") && V6.matcher(text).matches());
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}
