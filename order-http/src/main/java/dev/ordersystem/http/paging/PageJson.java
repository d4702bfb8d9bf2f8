package dev.ordersystem.http.paging;

import java.util.List;

/** One page of any list: its items and the opaque cursor of the next page (null on the last). */
public record PageJson<T>(List<T> items, String nextCursor) {
}
