package dev.ordersystem.mysql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Long lists go as several statements, each of a count that stays rendered. */
class RenderedSqlPerCountTest {
    @Test
    void itemsAreSplitInOrderIntoRunsOfAtMostTheKeptCount() {
        List<Integer> items = IntStream.range(0, 130).boxed().toList();

        List<List<Integer>> runs = RenderedSqlPerCount.inKeptCounts(items);

        assertThat(runs).extracting(List::size).containsExactly(64, 64, 2);
        assertThat(runs.stream().flatMap(List::stream).toList()).isEqualTo(items);
        assertThat(RenderedSqlPerCount.inKeptCounts(List.of())).isEmpty();
        assertThat(RenderedSqlPerCount.inKeptCounts(items.subList(0, 64))).extracting(List::size).containsExactly(64);
    }
}
