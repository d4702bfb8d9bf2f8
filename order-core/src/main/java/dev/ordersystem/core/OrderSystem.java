package dev.ordersystem.core;

import dev.ordersystem.core.audit.InvariantAudit;
import dev.ordersystem.core.usecase.catalogue.StockOverview;
import dev.ordersystem.core.usecase.dashboard.ShopDashboard;
import dev.ordersystem.core.usecase.order.OrderHistory;
import dev.ordersystem.core.usecase.user.LookUpUsers;
import dev.ordersystem.core.port.AttemptBudgets;
import dev.ordersystem.core.port.FastPath;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.WebhookSender;
import dev.ordersystem.core.usecase.event.DeliverWebhooks;
import dev.ordersystem.core.usecase.event.EventFeed;
import dev.ordersystem.core.usecase.event.ManageWebhooks;
import dev.ordersystem.core.usecase.event.PublishEvents;
import dev.ordersystem.core.usecase.event.WebhookSettings;
import dev.ordersystem.core.usecase.event.WebhookWorker;
import dev.ordersystem.core.usecase.catalogue.AvailableStock;
import dev.ordersystem.core.usecase.catalogue.ListProducts;
import dev.ordersystem.core.usecase.catalogue.ManageCatalogue;
import dev.ordersystem.core.usecase.catalogue.ViewProduct;
import dev.ordersystem.core.usecase.order.CancelOrder;
import dev.ordersystem.core.usecase.order.AutoCompletion;
import dev.ordersystem.core.usecase.order.CompleteOrder;
import dev.ordersystem.core.usecase.order.CompleteShippedOrders;
import dev.ordersystem.core.usecase.order.ConfirmReceipt;
import dev.ordersystem.core.usecase.order.BoundedFanOut;
import dev.ordersystem.core.usecase.order.ExpireOrder;
import dev.ordersystem.core.usecase.order.ExpiryJobs;
import dev.ordersystem.core.usecase.order.ExpiryWorker;
import dev.ordersystem.core.usecase.order.OrderNumberGenerator;
import dev.ordersystem.core.usecase.order.PayByBalance;
import dev.ordersystem.core.usecase.order.GateAdmission;
import dev.ordersystem.core.usecase.order.PlaceOrder;
import dev.ordersystem.core.usecase.order.PlacementTransaction;
import dev.ordersystem.core.usecase.order.PlacementWriter;
import dev.ordersystem.core.usecase.order.Restock;
import dev.ordersystem.core.usecase.order.StockGateKeeper;
import dev.ordersystem.core.usecase.order.StockRecount;
import dev.ordersystem.core.usecase.refund.ApplyRefundNotification;
import dev.ordersystem.core.usecase.refund.ProviderRefunds;
import dev.ordersystem.core.usecase.refund.RefundJob;
import dev.ordersystem.core.usecase.refund.RefundOrder;
import dev.ordersystem.core.usecase.order.ShipOrder;
import dev.ordersystem.core.usecase.order.SweepOverdueOrders;
import dev.ordersystem.core.usecase.order.ViewOrders;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.ProvidersByChannel;
import dev.ordersystem.core.usecase.order.OpenTrades;
import dev.ordersystem.core.usecase.payment.ApplyPaymentNotification;
import dev.ordersystem.core.usecase.payment.PollPayment;
import dev.ordersystem.core.usecase.payment.ProviderTrades;
import dev.ordersystem.core.usecase.payment.StartPayment;
import dev.ordersystem.core.usecase.payment.SyncOpenTrades;
import dev.ordersystem.core.usecase.payment.ReconcilePayments;
import dev.ordersystem.core.usecase.user.ManageAddresses;
import dev.ordersystem.core.usecase.user.Passwords;
import dev.ordersystem.core.usecase.user.RegisterUser;
import dev.ordersystem.core.usecase.user.Sessions;
import dev.ordersystem.core.usecase.user.TopUpBalance;
import dev.ordersystem.core.usecase.user.ViewAccount;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Every use case of the core, wired by hand over one {@link Storage} and one {@link FastPath}.
 * Embedding apps and tests build one of these; the HTTP layer calls its use cases.
 * The background workers are built but not started: call {@code expiryWorker().start()},
 * {@code stockGateKeeper().start()}, {@code autoCompletion().start()} and, with a payment provider,
 * {@code syncOpenTrades().start()}.
 */
public final class OrderSystem {
    private final PlaceOrder placeOrder;
    private final PayByBalance payByBalance;
    private final CancelOrder cancelOrder;
    private final ExpireOrder expireOrder;
    private final SweepOverdueOrders sweepOverdue;
    private final ExpiryWorker expiryWorker;
    private final StockGateKeeper stockGateKeeper;
    private final ShipOrder shipOrder;
    private final CompleteOrder completeOrder;
    private final ConfirmReceipt confirmReceipt;
    private final AutoCompletion autoCompletion;
    private final RefundOrder refundOrder;
    private final RefundJob refundJob;
    private final ApplyRefundNotification applyRefundNotification;
    private final ViewOrders viewOrders;
    private final ApplyPaymentNotification applyPayment;
    private final StartPayment startPayment;
    private final PollPayment pollPayment;
    private final SyncOpenTrades syncOpenTrades;
    private final ReconcilePayments reconcilePayments;
    private final ViewProduct viewProduct;
    private final ListProducts listProducts;
    private final ManageCatalogue manageCatalogue;
    private final RegisterUser registerUser;
    private final Sessions sessions;
    private final AttemptBudgets attemptBudgets;
    private final ViewAccount viewAccount;
    private final TopUpBalance topUpBalance;
    private final ManageAddresses manageAddresses;
    private final InvariantAudit audit;
    private final OrderHistory orderHistory;
    private final ShopDashboard dashboard;
    private final LookUpUsers lookUpUsers;
    private final StockOverview stockOverview;
    private final ManageWebhooks manageWebhooks;
    private final EventFeed eventFeed;
    private final WebhookWorker webhookWorker;

    public OrderSystem(Storage storage, FastPath fastPath, OrderSettings settings, Clock clock) {
        this(storage, fastPath, settings, ShippingSettings.defaults(), clock);
    }

    public OrderSystem(Storage storage, FastPath fastPath, OrderSettings settings, ShippingSettings shipping, Clock clock) {
        this(storage, fastPath, settings, shipping, Outside.none(), clock);
    }

    /**
     * With a payment provider (DESIGN §13): {@code provider} serves the channels whose trades this
     * shop starts, queries and closes; {@link ProvidersByChannel#none()} serves none.
     */
    public OrderSystem(Storage storage, FastPath fastPath, OrderSettings settings, ShippingSettings shipping,
                       PaymentSettings payments, PaymentProvider provider, Clock clock) {
        this(storage, fastPath, settings, shipping, Outside.none().withPayments(payments, provider), clock);
    }

    /** With webhooks: {@code sender} posts the deliveries that {@code webhookWorker()} claims. */
    public OrderSystem(Storage storage, FastPath fastPath, OrderSettings settings, ShippingSettings shipping,
                       WebhookSettings webhooks, WebhookSender sender, Clock clock) {
        this(storage, fastPath, settings, shipping, Outside.none().withWebhooks(webhooks, sender), clock);
    }

    /** With the parties outside the shop it talks to: payment providers and webhook receivers. */
    public OrderSystem(Storage storage, FastPath fastPath, OrderSettings settings, ShippingSettings shipping,
                       Outside outside, Clock clock) {
        PaymentSettings payments = outside.payments();
        PaymentProvider provider = outside.provider();
        WebhookSettings webhooks = outside.webhooks();
        WebhookSender sender = outside.sender();
        ExpiryJobs expiryJobs = new ExpiryJobs(fastPath.scheduler());
        OrderNumberGenerator numbers = new OrderNumberGenerator(settings.nodeId(), clock);
        Passwords passwords = new Passwords(settings.passwordIterations());
        Restock restock = new Restock(fastPath.gate());
        StockRecount recount = new StockRecount(storage, fastPath.gate());
        GateAdmission admission = new GateAdmission(fastPath.gate(), fastPath.guard(), recount, settings.gateLease(),
                settings.duplicateWindow());
        PlacementWriter writer = new PlacementWriter(storage.transactions(), new PlacementTransaction(storage, settings, clock),
                admission, expiryJobs, settings.placementGroupSize(), settings.placementWriters());
        this.placeOrder = new PlaceOrder(storage.orders(), admission, writer, numbers);
        this.stockGateKeeper = new StockGateKeeper(storage, fastPath.gate(), recount, settings);
        this.payByBalance = new PayByBalance(storage.transactions(), storage.orders(), storage.balances(), storage.outbox(),
                expiryJobs, clock);
        this.applyPayment = new ApplyPaymentNotification(storage.transactions(), storage.orders(), storage.payments(),
                storage.attempts(), storage.outbox(), fastPath.guard(), expiryJobs, settings, clock);
        ProviderTrades trades = new ProviderTrades(provider, storage.attempts(), applyPayment, clock);
        OpenTrades openTrades = new OpenTrades(storage.orders(), storage.attempts(),
                provider.channels().isEmpty() ? Optional.empty() : Optional.of(trades));
        this.startPayment = new StartPayment(storage.transactions(), storage.orders(), storage.attempts(), provider, trades,
                payments, clock);
        this.pollPayment = new PollPayment(storage.orders(), storage.attempts(), trades, fastPath.guard(), payments, clock);
        this.syncOpenTrades = new SyncOpenTrades(storage.orders(), storage.attempts(), trades, payments, clock);
        this.cancelOrder = new CancelOrder(storage.transactions(), storage.orders(), storage.stock(), storage.outbox(), expiryJobs,
                restock, openTrades, clock);
        this.expireOrder = new ExpireOrder(storage.transactions(), storage.orders(), storage.stock(), storage.outbox(), restock,
                openTrades, clock);
        // With a provider, an expiry may wait on it (an open trade is closed first): a bounded number at once. Without
        // one no expiry waits on anything but its own short transaction, which one at a time keeps off the placements' pool.
        int expiryWidth = provider.channels().isEmpty() ? 1 : payments.providerCallWidth();
        this.sweepOverdue = new SweepOverdueOrders(storage.transactions(), storage.orders(), storage.stock(), storage.outbox(),
                expiryJobs, restock, storage.attempts(), expireOrder, settings.sweepBatch(),
                new BoundedFanOut("order-expiry-sweep-call", expiryWidth), clock);
        this.expiryWorker = new ExpiryWorker(fastPath.scheduler(), expireOrder, sweepOverdue, settings,
                new BoundedFanOut("order-expiry-call", expiryWidth), clock);
        this.shipOrder = new ShipOrder(storage.transactions(), storage.orders(), storage.outbox(), shipping, clock);
        this.completeOrder = new CompleteOrder(storage.transactions(), storage.orders(), storage.outbox(), clock);
        this.confirmReceipt = new ConfirmReceipt(storage.transactions(), storage.orders(), storage.outbox(), clock);
        this.autoCompletion = new AutoCompletion(shipping.autoCompleteAfter()
                .map(window -> new CompleteShippedOrders(storage.transactions(), storage.orders(), storage.outbox(), window,
                        shipping.autoCompleteBatch(), clock)),
                shipping.autoCompleteInterval());
        RefundSettings refundSettings = outside.refunds();
        ProviderRefunds providerRefunds = new ProviderRefunds(provider, storage.transactions(), storage.refunds(),
                storage.payments(), storage.outbox(), refundSettings, clock);
        this.refundOrder = new RefundOrder(storage.transactions(), storage.orders(), storage.stock(), storage.balances(),
                storage.payments(), storage.refunds(), storage.outbox(), restock, providerRefunds, clock);
        this.refundJob = new RefundJob(storage.transactions(), storage.orders(), storage.payments(), storage.refunds(),
                providerRefunds, refundSettings, clock);
        this.applyRefundNotification = new ApplyRefundNotification(storage.refunds(), providerRefunds);
        this.viewOrders = new ViewOrders(storage.orders());
        this.reconcilePayments = new ReconcilePayments(storage.transactions(), storage.payments(), storage.refunds(), storage.outbox(), clock);
        AvailableStock availableStock = new AvailableStock(storage, fastPath.gate(), recount, clock, AvailableStock.UNCOUNTED_COPY_AGE);
        this.viewProduct = new ViewProduct(storage.transactions(), storage.catalogue(), storage.stock(), fastPath.cache(),
                availableStock);
        this.listProducts = new ListProducts(storage.transactions(), storage.catalogue(), availableStock);
        this.manageCatalogue = new ManageCatalogue(storage.transactions(), storage.catalogue(), storage.stock(), fastPath.cache(),
                restock, recount, settings.currency(), storage.outbox(), clock);
        this.registerUser = new RegisterUser(storage.transactions(), storage.users(), storage.balances(), passwords, clock);
        this.sessions = new Sessions(storage.users(), storage.tokens(), fastPath.tokens(), passwords, settings.tokenTtl(), clock);
        this.attemptBudgets = fastPath.attempts();
        this.viewAccount = new ViewAccount(storage.transactions(), storage.users(), storage.balances());
        this.topUpBalance = new TopUpBalance(storage.transactions(), storage.users(), storage.balances(), settings.currency());
        this.manageAddresses = new ManageAddresses(storage.transactions(), storage.addresses());
        this.manageWebhooks = new ManageWebhooks(storage.transactions(), storage.webhooks().endpoints(),
                storage.webhooks().deliveries(), sender, clock);
        this.eventFeed = new EventFeed(storage.outbox(), storage.webhooks().deliveries());
        this.webhookWorker = new WebhookWorker(
                new PublishEvents(storage.transactions(), storage.outbox(), storage.webhooks().endpoints(),
                        storage.webhooks().deliveries(), 500, clock),
                new DeliverWebhooks(storage.transactions(), storage.webhooks().endpoints(), storage.webhooks().deliveries(),
                        sender, webhooks, clock),
                // Under load while a placement queued within the last second: one quiet moment between two
                // turns of the worker does not end the yielding, a second without queueing does.
                webhooks.pollInterval(), webhooks.pacing(), () -> writer.queuedWithin(Duration.ofSeconds(1)));
        this.audit = new InvariantAudit(storage.audit(), settings.sweepInterval().multipliedBy(2),
                shipping.autoCompleteAfter().map(window -> window.plus(shipping.autoCompleteInterval())),
                refundSettings.retryWindow(), clock);
        this.orderHistory = new OrderHistory(storage.transactions(), storage.orders(), storage.payments());
        this.dashboard = new ShopDashboard(storage.transactions(), storage.orders(), storage.payments(), settings.currency(), clock);
        this.lookUpUsers = new LookUpUsers(storage.transactions(), storage.users(), storage.balances());
        this.stockOverview = new StockOverview(storage.transactions(), storage.catalogue(), storage.stock());
    }

    public PlaceOrder placeOrder() { return placeOrder; }
    public PayByBalance payByBalance() { return payByBalance; }
    public CancelOrder cancelOrder() { return cancelOrder; }
    public ExpireOrder expireOrder() { return expireOrder; }
    public SweepOverdueOrders sweepOverdue() { return sweepOverdue; }
    public ExpiryWorker expiryWorker() { return expiryWorker; }
    public StockGateKeeper stockGateKeeper() { return stockGateKeeper; }
    public ShipOrder shipOrder() { return shipOrder; }
    public CompleteOrder completeOrder() { return completeOrder; }
    public ConfirmReceipt confirmReceipt() { return confirmReceipt; }
    public AutoCompletion autoCompletion() { return autoCompletion; }
    public RefundOrder refundOrder() { return refundOrder; }
    /** Sends recorded refunds to the provider, retries and queries them, refunds late payments (DESIGN §14); call {@code start()} on every instance. */
    public RefundJob refundJob() { return refundJob; }
    public ApplyRefundNotification applyRefundNotification() { return applyRefundNotification; }
    public ViewOrders viewOrders() { return viewOrders; }
    public ApplyPaymentNotification applyPayment() { return applyPayment; }
    public StartPayment startPayment() { return startPayment; }
    public PollPayment pollPayment() { return pollPayment; }
    /** The background sync of open provider trades that heard nothing (DESIGN §13); call {@code start()}. */
    public SyncOpenTrades syncOpenTrades() { return syncOpenTrades; }
    public ReconcilePayments reconcilePayments() { return reconcilePayments; }
    public ViewProduct viewProduct() { return viewProduct; }
    public ListProducts listProducts() { return listProducts; }
    public ManageCatalogue manageCatalogue() { return manageCatalogue; }
    public RegisterUser registerUser() { return registerUser; }
    public Sessions sessions() { return sessions; }
    /** The budgets the HTTP edge spends for its login and registration limits. */
    public AttemptBudgets attemptBudgets() { return attemptBudgets; }
    public ViewAccount viewAccount() { return viewAccount; }
    public TopUpBalance topUpBalance() { return topUpBalance; }
    public ManageAddresses manageAddresses() { return manageAddresses; }
    public InvariantAudit audit() { return audit; }
    public OrderHistory orderHistory() { return orderHistory; }
    public ShopDashboard dashboard() { return dashboard; }
    public LookUpUsers lookUpUsers() { return lookUpUsers; }
    public StockOverview stockOverview() { return stockOverview; }
    public ManageWebhooks manageWebhooks() { return manageWebhooks; }
    public EventFeed eventFeed() { return eventFeed; }
    /** Publishes committed events and delivers webhooks; call {@code start()} on every instance. */
    public WebhookWorker webhookWorker() { return webhookWorker; }
}
