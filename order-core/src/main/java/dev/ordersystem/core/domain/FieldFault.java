package dev.ordersystem.core.domain;

/**
 * Why one input field was refused: the stable key of a message that each language's catalogue
 * phrases (the HTTP layer's English and Chinese texts), filled with the {@link FieldError#args()}
 * its comment names. The core states the fault; how it reads is the caller's concern.
 */
public enum FieldFault {
    /** The field is missing. */
    REQUIRED,
    /** An explicit JSON null. */
    NOT_NULL,
    /** Text or a password of {0}..{1} characters. */
    LENGTH_BETWEEN,
    /** Text of at most {0} characters. */
    AT_MOST_CHARACTERS,
    /** A number from {0} to {1}. */
    RANGE,
    /** An integer from {0} to {1} (a JSON number that does not fit, or a query parameter). */
    INTEGER_BETWEEN,
    /** One of the listed values {0}. */
    ONE_OF,
    /** A positive id. */
    POSITIVE_ID,
    /** Must be positive. */
    POSITIVE,
    /** Must not be negative. */
    NOT_NEGATIVE,
    /** Must not be empty. */
    NOT_EMPTY,
    /** A phone number: 5..20 digits, spaces or dashes. */
    PHONE,
    /** A postal code: 3..10 letters, digits, spaces or dashes. */
    POSTAL_CODE,
    /** A username: 3..32 letters, digits, '_', '.' or '-'. */
    USERNAME,
    /** A user holds at most {0} addresses. */
    TOO_MANY_ADDRESSES,
    /** The address id is not one of the user's. */
    NO_SUCH_ADDRESS,
    /** No address id and the user has no default address. */
    NO_DEFAULT_ADDRESS,
    /** A cart holds 1..{0} lines. */
    CART_LINES,
    /** Product {0} adds up to {1} units over its lines, more than {2}. */
    MERGED_QUANTITY,
    /** 1..{0} visible ASCII characters (an Idempotency-Key). */
    VISIBLE_ASCII,
    /** Letters, digits and '-' only (a tracking number). */
    TRACKING_NUMBER,
    /** A stock change: non-zero and within ±{0}. */
    STOCK_DELTA,
    /** A payment scene of another channel: the scenes of {0} are {1}. */
    SCENE_OF_CHANNEL,
    /** A payment channel this shop has not configured (no keys, no sandbox). */
    CHANNEL_OFF,
    /** An IPv4 or IPv6 address. */
    IP_ADDRESS,
    /** Only BALANCE is paid on this route. */
    BALANCE_ONLY,
    /** A change must name at least one of {0}. */
    NOTHING_TO_CHANGE,
    /** Longer than the storage allows. */
    TOO_LONG,
    /** Outside what the storage can hold. */
    OUT_OF_RANGE,
    /** Holds characters the storage cannot hold. */
    UNSTORABLE_CHARACTERS,
    /** An absolute http or https URL with a host, no user info, up to {0} characters. */
    WEBHOOK_URL,
    /** A webhook target the address rules refuse; {0} says why (loopback, private, link-local …). */
    WEBHOOK_TARGET,
    /** A page cursor this list did not give out. */
    BAD_CURSOR,
    /** The Content-Type is not application/json. */
    JSON_CONTENT_TYPE,
    /** The charset is not UTF-8. */
    UTF8_CHARSET,
    /** The body could not be read. */
    UNREADABLE,
    /** A body over {0} bytes. */
    BODY_TOO_LARGE,
    /** A body that is not one JSON object. */
    JSON_OBJECT,
    /** Not valid JSON. */
    INVALID_JSON,
    /** Not valid JSON at line {0}, column {1}. */
    INVALID_JSON_AT,
    /** JSON that ends inside the object. */
    UNFINISHED_JSON,
    /** A JSON number was wanted. */
    NUMBER,
    /** A JSON true or false was wanted. */
    BOOLEAN,
    /** A JSON string was wanted. */
    STRING,
    /** A JSON array was wanted. */
    ARRAY,
    /** A JSON object was wanted. */
    OBJECT,
    /** The wrong type, or out of range. */
    WRONG_TYPE,
    /** The HTTP server refused the request before it reached the API (a bad URI, headers too long). */
    REFUSED_BY_SERVER,
    /** A provider bill's day: yyyy-MM-dd, no later than today in China time (DESIGN §14). */
    BILL_DATE
}
