package org.jvnet.hudson.test;

/** Stand-in for org.jvnet.hudson.test.MockAuthorizationStrategy: real signatures, bodies that only throw. */
public class MockAuthorizationStrategy extends hudson.security.AuthorizationStrategy {

    public MockAuthorizationStrategy() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public org.jvnet.hudson.test.MockAuthorizationStrategy.Grant grant(hudson.security.Permission... arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    /** Stand-in for org.jvnet.hudson.test.MockAuthorizationStrategy.Grant: real signatures, bodies that only throw. */
    public class Grant {

        private Grant() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public org.jvnet.hudson.test.MockAuthorizationStrategy.Grant.GrantOn everywhere() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public org.jvnet.hudson.test.MockAuthorizationStrategy.Grant.GrantOn onPaths(java.lang.String... arg0) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        /** Stand-in for org.jvnet.hudson.test.MockAuthorizationStrategy.Grant.GrantOn: real signatures, bodies that only throw. */
        public class GrantOn {

            private GrantOn() {
                throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
            }

            public org.jvnet.hudson.test.MockAuthorizationStrategy to(java.lang.String... arg0) {
                throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
            }
        }
    }
}
