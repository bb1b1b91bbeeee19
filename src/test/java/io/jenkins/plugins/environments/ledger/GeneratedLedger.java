package io.jenkins.plugins.environments.ledger;

import io.jenkins.plugins.environments.approval.RefusalReason;
import io.jenkins.plugins.environments.approval.Vetoes;
import io.jenkins.plugins.environments.preview.PreviewHistory;
import io.jenkins.plugins.environments.promotion.PromotionHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Random but plausible ledgers from a seed: a few apps in dev, staging and prod and in previews of a few PRs on two
 * clusters, a small pool of digests so that the same digest comes back, every event type, approval requests,
 * rollbacks with holds and their releases, rejections and the refusals that void them. Times only go forward.
 */
final class GeneratedLedger {

    static final List<String> APPS = List.of("shop", "api", "billing");
    static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");
    static final String PREVIEW = "preview";
    static final List<String> CLUSTERS = List.of("dev-eu", "dev-us");
    static final List<String> ACTORS = List.of("alice", "bob", "carol");

    private final Random random;
    private final List<String> digests = new ArrayList<>();
    private final List<LedgerEvent> rejections = new ArrayList<>();
    private Instant time;
    private int requests;

    /** @param start the time of the first event */
    GeneratedLedger(long seed, Instant start) {
        this.random = new Random(seed);
        this.time = start;
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < 8; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            digests.add("sha256:" + hex.formatHex(bytes));
        }
    }

    /** @return the digests events name */
    List<String> digests() {
        return List.copyOf(digests);
    }

    /**
     * @param count how many events
     * @param meanGapSeconds the mean time between two events
     */
    List<LedgerEvent> next(int count, int meanGapSeconds) {
        List<LedgerEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            time = time.plusSeconds(1 + random.nextInt(2 * meanGapSeconds));
            events.add(next());
        }
        return events;
    }

    private LedgerEvent next() {
        LedgerEventType[] types = LedgerEventType.values();
        String app = pick(APPS);
        String digest = random.nextInt(20) == 0 ? null : pick(digests);
        boolean preview = random.nextInt(5) < 2;
        if (preview) {
            LedgerEventType type = random.nextInt(10) < 8
                    ? (random.nextInt(3) == 0 ? LedgerEventType.TORN_DOWN : LedgerEventType.DEPLOYED)
                    : types[random.nextInt(types.length)];
            String pr = Integer.toString(1 + random.nextInt(6));
            LedgerEvent.Builder builder = LedgerEvent.builder(type, app, PREVIEW)
                    .time(time)
                    .pr(pr)
                    .digest(digest)
                    .actor(LedgerEvent.SYSTEM)
                    .detail(PreviewHistory.CLUSTER, pick(CLUSTERS))
                    .detail(PreviewHistory.JOB, app + "/PR-" + pr);
            if (random.nextBoolean()) {
                builder.namespace(app + "-pr-" + pr + "-" + random.nextInt(3));
            }
            if (random.nextBoolean()) {
                builder.url("https://pr-" + pr + "-" + random.nextInt(3) + "." + app + ".example.com");
            }
            if (type == LedgerEventType.TORN_DOWN) {
                builder.reason(random.nextBoolean() ? "ttl" : "pr-closed");
            }
            return builder.build();
        }
        String environment = pick(ENVIRONMENTS);
        if (random.nextInt(12) == 0 && !rejections.isEmpty()) {
            return voiding(rejections.get(random.nextInt(rejections.size())));
        }
        LedgerEventType type = types[random.nextInt(types.length)];
        LedgerEvent.Builder builder = LedgerEvent.builder(type, app, environment)
                .time(time)
                .digest(digest)
                .actor(pick(ACTORS))
                .build("job/" + app + "/job/main/" + random.nextInt(500) + "/");
        if (type == LedgerEventType.ROLLED_BACK) {
            if (random.nextBoolean()) {
                builder.detail(PromotionHistory.HOLD, "true");
            }
            if (random.nextBoolean()) {
                builder.detail(PromotionHistory.ROLLED_BACK_FROM, pick(digests));
            }
        }
        if (type == LedgerEventType.PROMOTED) {
            builder.detail("strategy", random.nextBoolean() ? "registry" : "gitops");
            if (random.nextInt(4) == 0) {
                builder.detail(PromotionHistory.HOLD, "released");
            }
        }
        if (!type.deploys() && type != LedgerEventType.TORN_DOWN) {
            // the approval kinds, the veto's clearing and whatever kinds come later name their request
            builder.detail("request", "job/" + app + "/job/main/" + random.nextInt(40) + "/#" + random.nextInt(3));
            requests++;
        }
        if (type == LedgerEventType.APPROVED) {
            builder.detail("approvals", (1 + random.nextInt(2)) + "/2");
        }
        if (type == LedgerEventType.APPROVAL_REFUSED) {
            builder.reason(random.nextBoolean() ? "self-approval" : "not-eligible");
        }
        if (type == LedgerEventType.REJECTED) {
            builder.detail("comment", "no " + random.nextInt(100));
        }
        LedgerEvent event = builder.build();
        if (type == LedgerEventType.REJECTED && digest != null) {
            rejections.add(event);
        }
        return event;
    }

    /** @return a refusal that voids the rejection, or one by another actor that does not */
    private LedgerEvent voiding(LedgerEvent rejection) {
        return LedgerEvent.builder(LedgerEventType.APPROVAL_REFUSED, rejection.app(), rejection.environment())
                .time(time)
                .digest(rejection.digest())
                .actor(random.nextInt(4) == 0 ? pick(ACTORS) : rejection.actor())
                .reason(RefusalReason.NOT_SAVED.id())
                .detail(Vetoes.VOIDS, rejection.time().toString())
                .detail("request", rejection.details().getOrDefault("request", "none"))
                .build();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
