package io.jenkins.plugins.environments.render;

import java.util.List;
import java.util.stream.Collectors;

/** The findings of one secret scan. */
public record ScanReport(List<SecretScanner.Finding> findings) {

    public ScanReport {
        findings = List.copyOf(findings);
    }

    /** @throws RenderException listing every finding (location, rule, description; never the value) */
    public void throwIfFindings() {
        if (!findings.isEmpty()) {
            throw new RenderException("configuration contains secrets; move them to a Kubernetes Secret or Jenkins "
                    + "credentials:\n"
                    + findings.stream().map(f -> "  " + f).collect(Collectors.joining("\n")));
        }
    }
}
