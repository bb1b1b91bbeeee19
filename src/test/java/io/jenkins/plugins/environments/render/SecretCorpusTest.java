package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.SecretKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recall and false-positive rate of the secret scanner on its corpus: goal recall ≥ 95 %, false positives ≤ 2 %. */
class SecretCorpusTest {

    @Test
    void theCorpusHasAtLeast150LeaksAnd150NonSecrets() {
        assertTrue(
                SecretCorpus.leaks().size() >= 150,
                "leaks: " + SecretCorpus.leaks().size());
        assertTrue(
                SecretCorpus.clean().size() >= 150,
                "non-secrets: " + SecretCorpus.clean().size());
    }

    @Test
    void recallIsAtLeast95PercentAndFalsePositivesAtMost2Percent() {
        SecretCorpus.Figures figures = SecretCorpus.Figures.measure();
        String detail = String.format(
                        "recall %d/%d, false positives %d/%d%n",
                        figures.caughtByExpectedRule(), figures.leaks(), figures.falsePositives(), figures.clean())
                + String.join("\n", figures.misses());
        assertTrue(figures.recall() >= 0.95, detail);
        assertTrue(figures.falsePositiveRate() <= 0.02, detail);
    }

    /** Values (6 or more characters after a {@code :} or {@code =}) never appear; names of keys and objects may. */
    @Test
    void noFindingRepeatsTheValueItFound() {
        for (SecretCorpus.Case c : SecretCorpus.leaks()) {
            List<SecretScanner.Finding> findings = c.scan();
            for (String line : c.content().split("\n")) {
                if (line.strip().startsWith("name:") || line.strip().startsWith("- name:")) {
                    continue; // names of objects and variables may be shown
                }
                int sep = line.indexOf(':') >= 0 ? line.indexOf(':') : line.indexOf('=');
                for (String token : line.substring(sep + 1).split("[^A-Za-z0-9_+/=.!@$-]+")) {
                    if (token.length() >= 6
                            && !SecretKeys.isSecretKey(token)
                            && !c.file().contains(token)) {
                        for (SecretScanner.Finding f : findings) {
                            assertFalse(f.toString().contains(token), c + " → " + f);
                        }
                    }
                }
            }
        }
    }
}
