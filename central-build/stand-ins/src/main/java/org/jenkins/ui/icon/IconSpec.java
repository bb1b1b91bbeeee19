package org.jenkins.ui.icon;

/** Stand-in for org.jenkins.ui.icon.IconSpec: real signatures, bodies that only throw. */
public interface IconSpec {
}
