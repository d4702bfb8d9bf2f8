/**
 * The persistence ports of the core on MySQL 8.0+, MariaDB 10.6+ and embedded H2, through jOOQ.
 *
 * <p>Start at {@link dev.ordersystem.mysql.SqlDatabase}: {@code connect(url, user, password, options)}
 * for a server, {@code embedded(dataDir)} for the H2 file database of the embedded default; both
 * migrate the schema (Flyway scripts in {@code db/migration}) and give the core's {@code Storage}.
 *
 * <ul>
 *   <li>URLs: {@code jdbc:mariadb://host:3306/shop?sslMode=disable} (MariaDB driver; drop
 *       {@code sslMode=disable} when the server has TLS), {@code jdbc:mysql://host:3306/shop?sslMode=DISABLED}
 *       (Connector/J), {@code jdbc:h2:file:/path/orders;MODE=MySQL;DATABASE_TO_LOWER=TRUE}.</li>
 *   <li>The jOOQ dialect is read from the server ({@code SELECT VERSION()}), not from the URL.
 *       No statement here relies on {@code RETURNING} or on upserts, the two constructs that
 *       break when driver and server differ.</li>
 *   <li>Transactions are bound to the calling thread; every adapter joins the use case's
 *       transaction. Deadlocks and lock-wait timeouts are retried at the boundary.</li>
 *   <li>The expiry sweep locks with {@code FOR UPDATE SKIP LOCKED}, which MySQL 8.0, MariaDB 10.6
 *       and H2 2.x all accept (tested on each).</li>
 * </ul>
 */
package dev.ordersystem.mysql;
