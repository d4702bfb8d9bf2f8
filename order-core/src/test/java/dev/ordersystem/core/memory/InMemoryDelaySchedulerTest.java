package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractDelaySchedulerTest;
import dev.ordersystem.core.port.DelayScheduler;

class InMemoryDelaySchedulerTest extends AbstractDelaySchedulerTest {
    @Override
    protected DelayScheduler newScheduler() {
        return new InMemoryDelayScheduler();
    }
}
