package hudson.model;

/** Stand-in for hudson.model.Item: real signatures, bodies that only throw. */
public interface Item extends hudson.model.PersistenceRoot,jenkins.model.FullyNamedModelObject,hudson.search.SearchableModelObject,jenkins.model.FullyNamed,jenkins.model.Named,hudson.security.AccessControlled,jenkins.util.io.OnMaster {

    static final hudson.security.Permission BUILD = null;

    static final hudson.security.Permission READ = null;
}
