package hudson;

/** Stand-in for hudson.Launcher: real signatures, bodies that only throw. */
public abstract class Launcher {

    private Launcher() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public final hudson.Launcher.ProcStarter launch() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    /** Stand-in for hudson.Launcher.ProcStarter: real signatures, bodies that only throw. */
    public final class ProcStarter {

        private ProcStarter() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public hudson.Launcher.ProcStarter cmds(java.util.List<java.lang.String> arg0) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public hudson.Launcher.ProcStarter envs(java.util.Map<java.lang.String,java.lang.String> arg0) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public hudson.Launcher.ProcStarter pwd(java.lang.String arg0) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public hudson.Launcher.ProcStarter quiet(boolean arg0) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public hudson.Proc start() throws java.io.IOException {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public hudson.Launcher.ProcStarter stderr(java.io.OutputStream arg0) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public hudson.Launcher.ProcStarter stdout(java.io.OutputStream arg0) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }
    }
}
