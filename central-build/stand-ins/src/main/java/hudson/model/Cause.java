package hudson.model;

/** Stand-in for hudson.model.Cause: real signatures, bodies that only throw. */
public abstract class Cause {

    /** Stand-in for hudson.model.Cause.UserIdCause: real signatures, bodies that only throw. */
    public static class UserIdCause extends hudson.model.Cause {

        public java.lang.String getUserId() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }
    }
}
