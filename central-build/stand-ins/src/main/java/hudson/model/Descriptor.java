package hudson.model;

import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Stand-in for Jenkins core's {@code hudson.model.Descriptor}. Like the real one, {@code load()} and
 * {@code save()} declare no checked exception although the interfaces they implement do.
 */
public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {
    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    protected Descriptor() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public String getId() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public void save() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public void load() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    /** Stand-in for the exception that points the configuration form at a field. */
    public static final class FormException extends Exception implements HttpResponse {
        public FormException(String message, String formField) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public FormException(Throwable cause, String formField) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public String getFormField() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }
    }
}
