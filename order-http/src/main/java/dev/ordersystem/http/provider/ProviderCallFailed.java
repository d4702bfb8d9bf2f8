package dev.ordersystem.http.provider;

import dev.ordersystem.core.port.provider.ProviderFailure;

import java.util.Objects;

/**
 * Carries a {@link ProviderFailure} out of the depths of one provider call to the adapter method
 * that answers it (the port never throws for provider trouble). Its message is the failure's
 * description: provider code and detail, never a key or a signature.
 */
final class ProviderCallFailed extends RuntimeException {
    private final transient ProviderFailure failure;

    ProviderCallFailed(ProviderFailure failure) {
        super(failure.describe(), null, false, false);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    ProviderFailure failure() {
        return failure;
    }
}
