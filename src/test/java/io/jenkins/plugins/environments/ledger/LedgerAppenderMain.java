package io.jenkins.plugins.environments.ledger;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The child process of {@link LedgerKillTest}: appends numbered events to the ledger in its argument until it is
 * killed, printing {@code appended N} after each append has returned, that is after the event was forced to disk. A
 * second argument is the segment size to seal at.
 */
public final class LedgerAppenderMain {

    private LedgerAppenderMain() {}

    public static void main(String[] args) throws Exception {
        LedgerPolicy policy = args.length > 1
                ? LedgerPolicy.DEFAULT.withMaxSegmentBytes(Long.parseLong(args[1]))
                : LedgerPolicy.DEFAULT;
        Ledger ledger = Ledger.open(Path.of(args[0]), Clock.systemUTC(), policy);
        String padding = "p".repeat(4096);
        for (int i = 0; ; i++) {
            ledger.append(LedgerEvent.builder(LedgerEventType.DEPLOYED, "child", "prod")
                    .actor(LedgerEvent.SYSTEM)
                    .detail("seq", Integer.toString(i))
                    .detail("padding", padding));
            System.out.println("appended " + i);
            System.out.flush();
        }
    }
}
