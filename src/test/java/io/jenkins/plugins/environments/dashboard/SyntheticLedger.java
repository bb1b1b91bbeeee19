package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A believable ledger made up from a seed: apps built on their main branch and deployed to {@code dev}, promoted
 * along {@code dev → staging → prod → dr} (and {@code dev → qa → uat}, {@code staging → perf} with more
 * environments), with promotions that start, succeed, fail or are still under way, approval requests that are
 * approved, rejected, expire, are cancelled or still wait, rollbacks that hold an environment and promotions that
 * release it, teardowns, and pull-request previews that are deployed, redeployed and torn down. The same seed gives
 * the same ledger.
 *
 * <p>Builds are {@code job/<app>/job/main/<n>/}, preview builds {@code job/<app>/job/PR-<pr>/<n>/}, so a test can
 * hide one app's builds by prefix. Event times grow by up to two minutes per event from {@link #START}.
 */
public final class SyntheticLedger {

    /** The time of the first event. */
    public static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    /** The environments in the order they are added: name, tier, source. */
    private static final String[][] ENVIRONMENTS = {
        {"dev", "dev", null},
        {"staging", "staging", "dev"},
        {"prod", "prod", "staging"},
        {"dr", "dr", "prod"},
        {"sandbox", "sandbox", null},
        {"qa", "uat", "dev"},
        {"uat", "uat", "qa"},
        {"perf", "perf", "staging"},
    };

    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin"};

    private final int apps;
    private final int environments;
    private final int previews;
    private final int events;
    private final long seed;

    private final List<LedgerEvent> ledger = new ArrayList<>();
    private final Random random;
    private final Map<String, String> running = new HashMap<>();
    private final Map<String, List<String>> promotedInto = new HashMap<>();
    private final Map<String, Integer> buildNumbers = new HashMap<>();
    private final Map<String, String> openPreviews = new LinkedHashMap<>();
    private final List<String[]> openRequests = new ArrayList<>();
    private Instant time = START;
    private int nextPr = 1;
    private int nextRequest = 1;

    private SyntheticLedger(int apps, int environments, int previews, int events, long seed) {
        if (environments < 1 || environments > ENVIRONMENTS.length) {
            throw new IllegalArgumentException("environments must be 1 to " + ENVIRONMENTS.length);
        }
        this.apps = apps;
        this.environments = environments;
        this.previews = previews;
        this.events = events;
        this.seed = seed;
        this.random = new Random(seed);
        generate();
    }

    /**
     * @param apps how many apps
     * @param environments how many environments, 1 to 8: dev, staging, prod, dr, sandbox, qa, uat, perf
     * @param previews about how many previews are open at the end, at most
     * @param events how many events, at least
     * @param seed the seed of the choices
     */
    public static SyntheticLedger of(int apps, int environments, int previews, int events, long seed) {
        return new SyntheticLedger(apps, environments, previews, events, seed);
    }

    /** @return the events in ledger order */
    public List<LedgerEvent> events() {
        return List.copyOf(ledger);
    }

    /** @return the time of the last event */
    public Instant end() {
        return time;
    }

    /** @return the names of the apps, {@code app-000} … */
    public List<String> appNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < apps; i++) {
            names.add(app(i));
        }
        return names;
    }

    /** @return the environments, configured in the order of {@code dev, staging, prod, dr, sandbox, qa, uat, perf} */
    public List<Environment> environmentList() {
        List<Environment> list = new ArrayList<>();
        for (int i = 0; i < environments; i++) {
            String[] e = ENVIRONMENTS[i];
            list.add(environment(e[0], Tier.parse(e[1]), e[2]));
        }
        return list;
    }

    /** @return a configuration with one cluster and these environments */
    public EnvironmentsConfiguration configuration() {
        return new EnvironmentsConfiguration(
                List.of(new Cluster("dev-eu", "https://k8s.internal.example.com:6443", "k8s-token", null, false, 0)),
                List.of(),
                environmentList(),
                null);
    }

    /** @return an environment on cluster {@code dev-eu} that lets every job in */
    public static Environment environment(String name, Tier tier, String promotesFrom) {
        return new Environment(
                name, tier, "dev-eu", null, null, null, promotesFrom, null, null, null, List.of("**"), null);
    }

    /** @return the seed it was made from */
    public long seed() {
        return seed;
    }

    private void generate() {
        while (ledger.size() < events) {
            String app = app(random.nextInt(apps));
            int roll = random.nextInt(100);
            if (roll < 18) {
                build(app);
            } else if (roll < 48) {
                promote(app);
            } else if (roll < 58) {
                approval(app);
            } else if (roll < 62) {
                decideOpenRequest();
            } else if (roll < 65) {
                rollback(app);
            } else if (roll < 66) {
                teardown(app);
            } else if (previews > 0) {
                preview(app);
            } else {
                build(app);
            }
        }
    }

    private void build(String app) {
        String digest = digest();
        String build = mainBuild(app);
        add(LedgerEvent.builder(LedgerEventType.DEPLOYED, app, "dev")
                .digest(digest)
                .namespace(app + "-dev")
                .actor(user())
                .build(build)
                .detail("strategy", "deploy"));
        arrive(app, "dev", digest);
    }

    private void promote(String app) {
        String[] target = ENVIRONMENTS[1 + random.nextInt(Math.max(1, environments - 1))];
        if (environments < 2 || target[2] == null) {
            build(app);
            return;
        }
        String to = target[0];
        String from = target[2];
        String digest = running.get(app + " " + from);
        if (digest == null) {
            build(app);
            return;
        }
        String build = mainBuild(app);
        String strategy = random.nextBoolean() ? "registry" : "gitops";
        String actor = user();
        Instant deadline = time.plus(Duration.ofMinutes(10 + random.nextInt(30)));
        add(LedgerEvent.builder(LedgerEventType.PROMOTION_STARTED, app, to)
                .digest(digest)
                .actor(actor)
                .build(build)
                .detail("strategy", strategy)
                .detail("from", from)
                .detail("deadline", deadline.toString()));
        int outcome = random.nextInt(20);
        boolean last = ledger.size() >= events - events / 100;
        if (outcome == 0 || last && random.nextInt(3) == 0) {
            return; // still under way (more of them at the end), or abandoned
        }
        if (outcome <= 3) {
            add(LedgerEvent.builder(LedgerEventType.PROMOTION_FAILED, app, to)
                    .digest(digest)
                    .actor(actor)
                    .build(build)
                    .reason("gate scan failed: 2 critical findings")
                    .detail("strategy", strategy)
                    .detail("from", from)
                    .detail("gates", "PASS signature, FAIL scan"));
            return;
        }
        LedgerEvent.Builder promoted = LedgerEvent.builder(LedgerEventType.PROMOTED, app, to)
                .digest(digest)
                .actor(actor)
                .build(build)
                .detail("strategy", strategy)
                .detail("from", from)
                .detail("target", "registry.internal.example.com/team/" + app + ":" + to)
                .detail("gates", "PASS signature, PASS scan");
        if ("registry".equals(strategy)) {
            promoted.detail("tag", to);
        }
        if (random.nextInt(4) == 0) {
            promoted.detail("approvers", "bob,carol").detail("change-ticket", "CHG-" + random.nextInt(10000));
        }
        if (random.nextInt(3) == 0) {
            promoted.detail("hold", "released");
        }
        add(promoted);
        arrive(app, to, digest);
    }

    private void approval(String app) {
        if (environments < 3) {
            build(app);
            return;
        }
        String environment = "prod";
        String digest = running.get(app + " staging");
        if (digest == null) {
            build(app);
            return;
        }
        String build = mainBuild(app);
        String request = build + "approval-" + nextRequest++;
        LedgerEvent.Builder requested = LedgerEvent.builder(LedgerEventType.APPROVAL_REQUESTED, app, environment)
                .digest(digest)
                .actor(user())
                .build(build)
                .detail("request", request)
                .detail("required", "2")
                .detail("eligible", "bob, ops-team,carol")
                .detail("page", build + "environment-approvals/");
        String replaces = running.get(app + " " + environment);
        if (replaces != null) {
            requested.detail("replaces", replaces);
        }
        add(requested);
        openRequests.add(new String[] {app, environment, digest, build, request});
        if (random.nextInt(3) != 0) {
            decide(openRequests.remove(openRequests.size() - 1));
        }
    }

    private void decideOpenRequest() {
        if (openRequests.isEmpty()) {
            return;
        }
        decide(openRequests.remove(random.nextInt(openRequests.size())));
    }

    private void decide(String[] request) {
        String app = request[0];
        String environment = request[1];
        int roll = random.nextInt(10);
        if (roll < 5) {
            add(decision(LedgerEventType.APPROVED, request, "bob")
                    .detail("approvals", "1/2")
                    .detail("state", "pending"));
            if (random.nextInt(4) == 0) {
                add(decision(LedgerEventType.APPROVAL_REFUSED, request, "alice")
                        .reason("self-approval")
                        .detail("approvals", "1/2")
                        .detail("state", "pending"));
            }
            if (random.nextInt(5) == 0) {
                openRequests.add(request); // one approval so far, still waiting
                return;
            }
            add(decision(LedgerEventType.APPROVED, request, "carol")
                    .detail("approvals", "2/2")
                    .detail("state", "approved"));
        } else if (roll < 7) {
            add(decision(LedgerEventType.REJECTED, request, "bob")
                    .detail("approvals", "0/2")
                    .detail("state", "rejected"));
        } else if (roll < 9) {
            add(decision(LedgerEventType.APPROVAL_EXPIRED, request, LedgerEvent.SYSTEM)
                    .reason("timeout")
                    .detail("approvals", "0/2")
                    .detail("state", "expired"));
        } else {
            add(decision(LedgerEventType.APPROVAL_CANCELLED, request, LedgerEvent.SYSTEM)
                    .reason("aborted"));
        }
    }

    private LedgerEvent.Builder decision(LedgerEventType type, String[] request, String actor) {
        return LedgerEvent.builder(type, request[0], request[1])
                .digest(request[2])
                .actor(actor)
                .build(request[3])
                .detail("request", request[4]);
    }

    private void rollback(String app) {
        String environment = ENVIRONMENTS[random.nextInt(Math.min(environments, 3))][0];
        List<String> into = promotedInto.getOrDefault(app + " " + environment, List.of());
        String current = running.get(app + " " + environment);
        if (into.size() < 2 || current == null) {
            build(app);
            return;
        }
        String back = into.get(into.size() - 2);
        add(LedgerEvent.builder(LedgerEventType.ROLLED_BACK, app, environment)
                .digest(back)
                .actor(user())
                .build(mainBuild(app))
                .reason("rollback")
                .detail("strategy", "registry")
                .detail("hold", "true")
                .detail("rolled-back-from", current));
        running.put(app + " " + environment, back);
    }

    private void teardown(String app) {
        String environment = ENVIRONMENTS[random.nextInt(environments)][0];
        if (running.remove(app + " " + environment) == null) {
            build(app);
            return;
        }
        add(LedgerEvent.builder(LedgerEventType.TORN_DOWN, app, environment)
                .actor(user())
                .reason("manual")
                .build(random.nextBoolean() ? mainBuild(app) : null));
    }

    private void preview(String app) {
        boolean open = openPreviews.size() < previews && random.nextInt(10) < 7;
        if (open || openPreviews.isEmpty()) {
            int pr = nextPr++;
            deployPreview(app, Integer.toString(pr), true);
            return;
        }
        List<String> keys = new ArrayList<>(openPreviews.keySet());
        String key = keys.get(random.nextInt(keys.size()));
        String[] parts = key.split(" ");
        if (random.nextInt(3) == 0) {
            openPreviews.remove(key);
            boolean sweep = random.nextBoolean();
            add(LedgerEvent.builder(LedgerEventType.TORN_DOWN, parts[0], "preview")
                    .pr(parts[1])
                    .actor(sweep ? LedgerEvent.SYSTEM : user())
                    .reason(sweep ? "ttl" : "pr-closed")
                    .build(sweep ? null : prBuild(parts[0], parts[1]))
                    .detail("cluster", "dev-eu"));
        } else {
            deployPreview(parts[0], parts[1], false);
        }
    }

    private void deployPreview(String app, String pr, boolean first) {
        String digest = digest();
        LedgerEvent.Builder deployed = LedgerEvent.builder(LedgerEventType.DEPLOYED, app, "preview")
                .pr(pr)
                .digest(digest)
                .actor(user())
                .build(prBuild(app, pr))
                .detail("cluster", "dev-eu")
                .detail("deploy-id", Integer.toHexString(random.nextInt()))
                .detail("job", app + "/PR-" + pr);
        if (first || random.nextBoolean()) {
            deployed.namespace(app + "-pr-" + pr).url("https://" + app + "-pr-" + pr + ".preview.example.com");
        }
        if (random.nextInt(10) == 0) {
            deployed.detail("pinned", "true");
        } else {
            deployed.detail(
                    "expires",
                    time.plus(Duration.ofHours(1 + random.nextInt(72))).toString());
        }
        add(deployed);
        openPreviews.put(app + " " + pr, digest);
    }

    private void arrive(String app, String environment, String digest) {
        running.put(app + " " + environment, digest);
        promotedInto
                .computeIfAbsent(app + " " + environment, k -> new ArrayList<>())
                .add(digest);
    }

    private void add(LedgerEvent.Builder builder) {
        time = time.plusSeconds(1 + random.nextInt(120));
        ledger.add(builder.time(time).build());
    }

    private String mainBuild(String app) {
        int number = buildNumbers.merge(app, 1, Integer::sum);
        return "job/" + app + "/job/main/" + number + "/";
    }

    private String prBuild(String app, String pr) {
        int number = buildNumbers.merge(app + " " + pr, 1, Integer::sum);
        return "job/" + app + "/job/PR-" + pr + "/" + number + "/";
    }

    private String user() {
        return USERS[random.nextInt(USERS.length)];
    }

    private String digest() {
        StringBuilder hex = new StringBuilder("sha256:");
        for (int i = 0; i < 4; i++) {
            hex.append(String.format("%016x", random.nextLong()));
        }
        return hex.toString();
    }

    private static String app(int i) {
        return String.format("app-%03d", i);
    }
}
