package jenkins.util.io;

/** Stand-in for Jenkins core's marker interface {@code jenkins.util.io.OnMaster}. */
public interface OnMaster {}
