package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.EventSubject;

/** An event's subject as the two JSON fields of the feed and the deliveries: {@code orderNo} or {@code productId}, the other null. */
final class SubjectFields {
    private SubjectFields() {
    }

    static String orderNo(EventSubject subject) {
        return subject.orderNo() == null ? null : subject.orderNo().value();
    }

    static Long productId(EventSubject subject) {
        return subject.productId() == null ? null : subject.productId().value();
    }
}
