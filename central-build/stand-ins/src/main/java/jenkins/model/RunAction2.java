package jenkins.model;

/** Stand-in for jenkins.model.RunAction2: real signatures, bodies that only throw. */
public interface RunAction2 extends hudson.model.Action {

    void onAttached(hudson.model.Run<?,?> arg0);

    void onLoad(hudson.model.Run<?,?> arg0);
}
