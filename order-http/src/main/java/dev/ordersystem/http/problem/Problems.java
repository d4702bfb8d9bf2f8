package dev.ordersystem.http.problem;

import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.InsufficientBalance;
import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderSystemException;
import dev.ordersystem.core.domain.ProductUnavailable;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.domain.ValidationFailed;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Builds the {@link Problem} for a refusal in the caller's language: the title and detail from
 * {@link ProblemTexts}, filled with what the refusal carries (never its Java message), the field
 * messages, and the {@link ProblemFacts} a page acts on.
 */
public final class Problems {
    private final ProblemTexts texts;

    public Problems(ProblemTexts texts) {
        this.texts = texts;
    }

    /** A problem for {@code code} whose detail takes no values but the request id (50001) or the field names (40005). */
    public Problem of(ErrorCode code, ProblemLanguage language, String requestId, List<FieldError> errors) {
        String detail = switch (code) {
            case UNEXPECTED -> texts.detail(code, language, requestId);
            case VALIDATION_FAILED -> texts.detail(code, language, fieldNames(errors, language));
            default -> texts.detail(code, language);
        };
        return problem(code, language, detail, errors, requestId, ProblemFacts.NONE);
    }

    /** The problem for a domain refusal, with the values it carries. */
    public Problem refusal(OrderSystemException e, ProblemLanguage language, String requestId) {
        ErrorCode code = e.code();
        return switch (e) {
            case InsufficientBalance short_ -> problem(code, language,
                    texts.detail(code, language, amount(short_.needed()), amount(short_.balance())), List.of(), requestId,
                    ProblemFacts.balance(short_.needed().minor(), short_.balance().minor()));
            case InsufficientStock soldOut -> {
                long id = soldOut.productId().value();
                String detail = soldOut.productName().isPresent() && soldOut.available().isPresent()
                        ? texts.detail(code, language, soldOut.productName().get(), soldOut.available().getAsLong())
                        : texts.text(language, ProblemTexts.STOCK_UNNAMED, id);
                Long available = soldOut.available().isPresent() ? soldOut.available().getAsLong() : null;
                yield problem(code, language, detail, List.of(), requestId, ProblemFacts.stock(id, available));
            }
            case ProductUnavailable missing -> problem(code, language, texts.detail(code, language, missing.productId().value()),
                    List.of(), requestId, ProblemFacts.stock(missing.productId().value(), null));
            case TransitionNotAllowed refused -> problem(code, language, texts.detail(code, language,
                    texts.status(refused.from(), language), texts.status(refused.to(), language)), List.of(), requestId,
                    ProblemFacts.NONE);
            case RateLimited limited -> problem(code, language, texts.detail(code, language, limited.retryAfterSeconds()),
                    List.of(), requestId, ProblemFacts.retryAfter(limited.retryAfterSeconds()));
            case ValidationFailed invalid -> of(code, language, requestId, invalid.errors());
            default -> of(code, language, requestId, List.of());
        };
    }

    private Problem problem(ErrorCode code, ProblemLanguage language, String detail, List<FieldError> errors,
                            String requestId, ProblemFacts facts) {
        ProblemKind kind = ProblemKind.of(code);
        return new Problem(kind.type(), texts.title(code, language), kind.status(), detail, code.number(),
                texts.fields(errors, language), requestId, facts);
    }

    private String fieldNames(List<FieldError> errors, ProblemLanguage language) {
        return texts.list(List.copyOf(new LinkedHashSet<>(errors.stream().map(FieldError::field).toList())), language);
    }

    /** {@code 12.50 CNY}: the amount in major units, as a shopper reads it (the members stay in minor units). */
    static String amount(Money money) {
        int digits = Math.max(0, money.currency().getDefaultFractionDigits());
        return BigDecimal.valueOf(money.minor(), digits).toPlainString() + " " + money.currency().getCurrencyCode();
    }
}
