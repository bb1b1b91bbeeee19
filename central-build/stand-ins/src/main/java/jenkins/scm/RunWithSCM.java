package jenkins.scm;

/** Stand-in for jenkins.scm.RunWithSCM: real signatures, bodies that only throw. */
public interface RunWithSCM<JobT extends hudson.model.Job<JobT,RunT>,RunT extends hudson.model.Run<JobT,RunT>&jenkins.scm.RunWithSCM<JobT,RunT>> {

    java.util.List<hudson.scm.ChangeLogSet<? extends hudson.scm.ChangeLogSet.Entry>> getChangeSets();
}
