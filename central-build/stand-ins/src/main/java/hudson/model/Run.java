package hudson.model;

/** Stand-in for hudson.model.Run: real signatures, bodies that only throw. */
public abstract class Run<JobT extends hudson.model.Job<JobT,RunT>,RunT extends hudson.model.Run<JobT,RunT>> extends hudson.model.Actionable implements hudson.ExtensionPoint,java.lang.Comparable<RunT>,hudson.security.AccessControlled,hudson.model.PersistenceRoot,hudson.model.DescriptorByNameOwner,jenkins.util.io.OnMaster,org.kohsuke.stapler.StaplerProxy,jenkins.model.HistoricalBuild,jenkins.console.WithConsoleUrl {
    private Run() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }


    public <T extends hudson.model.Cause> T getCause(java.lang.Class<T> arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void save() throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.util.List<hudson.model.Cause> getCauses() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getUrl() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
