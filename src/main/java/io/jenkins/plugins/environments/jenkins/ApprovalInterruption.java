package io.jenkins.plugins.environments.jenkins;

import hudson.model.Result;
import java.io.Serial;
import java.time.Instant;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/** Why {@code awaitApproval} aborted a build: a reviewer rejected the request, or its deadline passed. */
abstract class ApprovalInterruption extends CauseOfInterruption {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @return the failure that aborts the build with this cause */
    FlowInterruptedException toFailure() {
        return new FlowInterruptedException(Result.ABORTED, true, this);
    }

    /** A reviewer rejected the request. */
    static final class Rejected extends ApprovalInterruption {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String userId;
        private final String environment;
        private final String comment;

        Rejected(String userId, String environment, String comment) {
            this.userId = userId;
            this.environment = environment;
            this.comment = comment;
        }

        String userId() {
            return userId;
        }

        @Override
        public String getShortDescription() {
            return describe(userId, environment, comment);
        }

        /** @return the short description of a rejection: who, for which environment, and their comment if any */
        static String describe(String userId, String environment, String comment) {
            return comment == null
                    ? Messages.ApprovalInterruption_Rejected(userId, environment)
                    : Messages.ApprovalInterruption_RejectedWithComment(userId, environment, comment);
        }
    }

    /** The request's deadline passed before enough reviewers approved. */
    static final class Expired extends ApprovalInterruption {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String environment;
        private final long deadlineMillis;

        Expired(String environment, Instant deadline) {
            this.environment = environment;
            this.deadlineMillis = deadline.toEpochMilli();
        }

        @Override
        public String getShortDescription() {
            return describe(environment, Instant.ofEpochMilli(deadlineMillis));
        }

        /** @return the short description of an expiry: the environment and the deadline */
        static String describe(String environment, Instant deadline) {
            return Messages.ApprovalInterruption_Expired(environment, deadline);
        }
    }
}
