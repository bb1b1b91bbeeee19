package org.kohsuke.stapler;

/** Stand-in for org.kohsuke.stapler.StaplerRequest2: real signatures, bodies that only throw. */
public interface StaplerRequest2 extends jakarta.servlet.http.HttpServletRequest {

    void bindJSON(java.lang.Object arg0, net.sf.json.JSONObject arg1);

    java.lang.String getRestOfPath();

    net.sf.json.JSONObject getSubmittedForm() throws jakarta.servlet.ServletException;
}
