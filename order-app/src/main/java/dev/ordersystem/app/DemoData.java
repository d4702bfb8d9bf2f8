package dev.ordersystem.app;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UsernameTaken;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.usecase.catalogue.NewProduct;

import java.util.List;

/**
 * A small catalogue and a demo buyer for the embedded default, so a newcomer can place an order
 * right after the first start. Created once: an existing catalogue is left alone.
 */
final class DemoData {
    /** Known to everyone on purpose: the embedded default is for trying the system out. */
    static final String DEMO_USER = "demo";
    static final String DEMO_PASSWORD = "demo-password";

    private static final List<NewProduct> CATALOGUE = List.of(
            new NewProduct("Longjing green tea, 250 g", "Spring harvest from West Lake, Hangzhou.", 16_800, 200, true),
            new NewProduct("Celadon tea cup", "Hand-thrown in Longquan; 120 ml.", 4_500, 80, true),
            new NewProduct("Bamboo tea tray", "Drains into a hidden basin; 40 x 25 cm.", 12_900, 30, true),
            new NewProduct("Pu'er cake, 357 g", "Aged seven years in Yunnan.", 29_900, 15, true),
            new NewProduct("Flash-sale gift box", "Limited: ten boxes only.", 9_900, 10, true));

    private DemoData() {
    }

    static void seed(OrderSystem system) {
        if (!system.listProducts().page(PageRequest.first(1)).items().isEmpty()) return;
        CATALOGUE.forEach(system.manageCatalogue()::create);
        try {
            User demo = system.registerUser().register(DEMO_USER, DEMO_PASSWORD);
            system.manageAddresses().add(demo.id(), new ShippingAddress("Demo Buyer", "+86 21 5555 0100", "Shanghai",
                    "100 Century Avenue, Pudong", "上海市", "上海市", "浦东新区", "200120"), true);
            system.topUpBalance().topUp(demo.id(), 100_000, "demo balance");
        } catch (UsernameTaken alreadyThere) {
            // someone registered the name first; the catalogue is still useful
        }
    }
}
