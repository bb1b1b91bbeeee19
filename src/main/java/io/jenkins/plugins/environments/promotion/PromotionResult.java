package io.jenkins.plugins.environments.promotion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a promotion did.
 *
 * @param app the app
 * @param from the source environment, or {@code null}
 * @param to the target environment
 * @param digest the digest promoted
 * @param strategy the strategy
 * @param target where it went: {@code host/repo:tag}, or the GitOps commit
 * @param changed whether anything was written (not when the target already had the digest)
 * @param summary one line for the log
 * @param gates the gate results, as log lines
 * @param rollback whether it was a rollback (which puts a hold on the environment)
 */
public record PromotionResult(
        String app,
        String from,
        String to,
        String digest,
        PromotionStrategy strategy,
        String target,
        boolean changed,
        String summary,
        List<String> gates,
        boolean rollback) {

    public PromotionResult {
        gates = List.copyOf(gates);
    }

    /** @return what {@code promoteDigest} returns to the pipeline */
    public Map<String, Object> toStepResult() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("app", app);
        map.put("from", from);
        map.put("to", to);
        map.put("digest", digest);
        map.put("strategy", strategy.id());
        map.put("target", target);
        map.put("changed", changed);
        map.put("rollback", rollback);
        map.put("gates", gates);
        return map;
    }
}
