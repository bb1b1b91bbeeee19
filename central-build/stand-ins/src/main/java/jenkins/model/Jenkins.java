package jenkins.model;

/** Stand-in for jenkins.model.Jenkins: real signatures, bodies that only throw. */
public class Jenkins extends hudson.model.AbstractCIBase implements jenkins.model.DirectlyModifiableTopLevelItemGroup,org.kohsuke.stapler.StaplerProxy,org.kohsuke.stapler.StaplerFallback,hudson.model.ModifiableViewGroup,hudson.security.AccessControlled,hudson.model.DescriptorByNameOwner,jenkins.model.ModelObjectWithContextMenu,jenkins.model.ModelObjectWithChildren,jenkins.util.io.OnMaster,jenkins.model.Loadable {

    public static final hudson.security.Permission ADMINISTER = null;

    private Jenkins() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public java.lang.String getDisplayName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public void save() throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public void load() throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static jenkins.model.Jenkins get() throws java.lang.IllegalStateException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getLegacyInstanceId() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.io.File getRootDir() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getFullName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public hudson.security.ACL getACL() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static org.springframework.security.core.Authentication getAuthentication2() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public hudson.security.SecurityRealm getSecurityRealm() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static final hudson.security.Permission READ = null;

    public hudson.model.TopLevelItem createProjectFromXML(java.lang.String arg0, java.io.InputStream arg1) throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public <T extends hudson.model.Item> T getItemByFullName(java.lang.String arg0, java.lang.Class<T> arg1) throws org.springframework.security.access.AccessDeniedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void setAuthorizationStrategy(hudson.security.AuthorizationStrategy arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void setSecurityRealm(hudson.security.SecurityRealm arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getSearchUrl() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void addView(hudson.model.View arg0) throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public hudson.model.View getView(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void setNumExecutors(int arg0) throws java.io.IOException, java.lang.IllegalArgumentException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public java.lang.Object getTarget() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getRootUrl() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
