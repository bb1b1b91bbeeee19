package hudson.model;

/** Stand-in for hudson.model.Job: real signatures, bodies that only throw. */
public abstract class Job<JobT extends hudson.model.Job<JobT,RunT>,RunT extends hudson.model.Run<JobT,RunT>> extends hudson.model.AbstractItem implements hudson.ExtensionPoint,org.kohsuke.stapler.StaplerOverridable,jenkins.model.ModelObjectWithChildren,jenkins.widgets.HasWidgets {

    protected Job(hudson.model.ItemGroup parent, java.lang.String name) {
        super(parent, name);
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public int getNextBuildNumber() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public RunT getBuildByNumber(int arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
