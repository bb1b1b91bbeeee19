package jenkins.widgets;

/** Stand-in for jenkins.widgets.HasWidgets: real signatures, bodies that only throw. */
public interface HasWidgets {
}
