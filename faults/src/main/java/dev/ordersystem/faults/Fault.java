package dev.ordersystem.faults;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The faults a run can inject, named on the command line as {@code --faults db-crash,redis,sandbox,slow-db,db-restart,kill,late-payments}. */
enum Fault {
    /** {@code mariadbd} SIGKILLed mid-traffic and started again: InnoDB crash recovery ({@link Servers#crashMariaDb()}). */
    DB_CRASH,
    /** Redis {@code SHUTDOWN NOSAVE}, down 3 s, started again empty. */
    REDIS,
    /** The shared sandbox payment provider SIGKILLed, down 3 s, started again ({@link SandboxProcess}). */
    SANDBOX,
    /** Another session holds the stock rows of the busiest products for 4 s. */
    SLOW_DB,
    /** MariaDB shut down and started again. */
    DB_RESTART,
    /** One instance SIGKILLed while it holds claimed expiry jobs, started again ({@link LeaseRecovery}). */
    KILL,
    /** The sandbox's API out 10 s while its cashier works: buyers cancel, then pay (real late payments, {@link LatePaymentPhase}). */
    LATE_PAYMENTS;

    String flag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A comma-separated list of flags, or {@code none}. */
    static Set<Fault> parse(String text) {
        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        if (text.trim().equals("none")) return faults;
        for (String part : text.split(",")) {
            String flag = part.trim();
            Fault fault = null;
            for (Fault f : values()) if (f.flag().equals(flag)) fault = f;
            if (fault == null) throw new IllegalArgumentException("unknown fault " + flag + " (use db-crash, redis, sandbox, slow-db, db-restart, kill, late-payments or none)");
            faults.add(fault);
        }
        return faults;
    }
}
