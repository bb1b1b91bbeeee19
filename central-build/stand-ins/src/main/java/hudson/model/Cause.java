package hudson.model;

/** Stand-in for hudson.model.Cause: real signatures, bodies that only throw. */
public abstract class Cause {

    public abstract java.lang.String getShortDescription();

    /** Stand-in for hudson.model.Cause.UpstreamCause: real signatures, bodies that only throw. */
    public static class UpstreamCause extends hudson.model.Cause {

        public UpstreamCause(hudson.model.Run<?, ?> arg0) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public java.lang.String getShortDescription() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public java.util.List<hudson.model.Cause> getUpstreamCauses() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public hudson.model.Run<?, ?> getUpstreamRun() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public java.lang.String getUpstreamUrl() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        /** Stand-in for hudson.model.Cause.UpstreamCause.DeeplyNestedUpstreamCause: real signatures, bodies that only throw. */
        public static class DeeplyNestedUpstreamCause extends hudson.model.Cause {

            public java.lang.String getShortDescription() {
                throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
            }
        }
    }

    /** Stand-in for hudson.model.Cause.UserIdCause: real signatures, bodies that only throw. */
    public static class UserIdCause extends hudson.model.Cause {

        public UserIdCause(java.lang.String arg0) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public java.lang.String getUserId() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public java.lang.String getShortDescription() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }
    }
}
