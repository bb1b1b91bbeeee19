package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule (issue 12, item 6): no fabric8 object dump in any message; {@link KubernetesMessages} is where it is cut. */
class KubernetesMessagesTest {

    @Test
    void anAnswerWithAStatusIsTheServersMessageAndNotTheStatusDump() {
        Status status = new StatusBuilder()
                .withCode(422)
                .withReason("Invalid")
                .withMessage("Deployment.apps \"web\" is invalid: spec.selector: Required value")
                .build();
        KubernetesClientException e = new KubernetesClientException(
                "Failure executing: PATCH at: https://k8s/apis/apps/v1/namespaces/a/deployments/web. Received status: "
                        + status,
                422,
                status);

        assertEquals(
                "HTTP 422 (Invalid): Deployment.apps \"web\" is invalid: spec.selector: Required value",
                KubernetesMessages.of(e));
    }

    @Test
    void aMessageQuotingAnObjectIsCutBeforeTheObject() {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion("example.com/v1");
        object.setKind("Widget");
        object.setMetadata(new ObjectMetaBuilder().withName("w").build());
        object.setAdditionalProperties(Map.of("spec", Map.of("password", "hunter2")));
        KubernetesClientException e =
                new KubernetesClientException("Could not find a registered handler for item: [" + object + "].");

        String message = KubernetesMessages.of(e);

        assertEquals("Could not find a registered handler for item: [object content left out]", message);
        assertFalse(message.contains("hunter2"));
    }

    @Test
    void aMessageWithoutObjectsIsKept() {
        KubernetesClientException e = new KubernetesClientException("Operation: [get] for kind: [Pod] failed.");

        assertEquals("Operation: [get] for kind: [Pod] failed.", KubernetesMessages.of(e));
        assertTrue(KubernetesMessages.withoutDumps("Cluster 'dev' (HTTP 500)").endsWith("(HTTP 500)"));
    }
}
