package hudson.model;

/** Stand-in for hudson.model.AbstractCIBase: real signatures, bodies that only throw. */
public abstract class AbstractCIBase extends hudson.model.Node implements hudson.model.ItemGroup<hudson.model.TopLevelItem>,org.kohsuke.stapler.StaplerProxy,org.kohsuke.stapler.StaplerFallback,hudson.model.ViewGroup,hudson.security.AccessControlled,hudson.model.DescriptorByNameOwner {
}
