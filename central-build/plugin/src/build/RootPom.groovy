/*
 * Reads the root pom.xml, the one place where the plugin's coordinates, name, URL, licence, SCM,
 * jenkins.version and plugin dependencies are written, and hands them to the rest of this build as
 * project properties "hpi.*". Runs in the initialize phase (gmavenplus binds project, log).
 */
import groovy.xml.XmlSlurper

File rootDir = new File(project.properties['root.basedir']).canonicalFile
def pom = new XmlSlurper().parse(new File(rootDir, 'pom.xml'))

// Values the root POM uses but that its parent (org.jenkins-ci.plugins:plugin) defines.
Map<String, String> values = [scmTag: 'HEAD']
pom.properties.'*'.each { values[it.name()] = it.text().trim() }
values['project.groupId'] = pom.groupId.text().trim()
values['project.artifactId'] = pom.artifactId.text().trim()

Closure<String> resolve
resolve = { String text ->
    text.trim().replaceAll(/\$\{([^}]+)\}/) { all, String key ->
        if (!values.containsKey(key)) {
            throw new IllegalStateException("root pom.xml uses \${${key}}, which this build cannot resolve")
        }
        resolve(values[key])
    }
}
values['project.version'] = resolve(pom.version.text())

// The one library version that both builds must name at model-building time (see central-build/pom.xml).
String fabric8 = resolve(values['kubernetes-client.version'] ?: '')
if (fabric8 != project.properties['kubernetes-client.version']) {
    throw new IllegalStateException("fabric8 version differs: root pom.xml says '${fabric8}', " +
            "central-build/pom.xml says '${project.properties['kubernetes-client.version']}'; make them equal")
}

List<String> pluginDependencies = []
pom.dependencies.dependency.each { dep ->
    String scope = dep.scope.text().trim()
    if (scope && scope != 'compile' && scope != 'runtime') {
        return
    }
    String artifactId = dep.artifactId.text().trim()
    String version = project.properties["bom.${artifactId}".toString()]
    if (!version) {
        throw new IllegalStateException("root pom.xml depends on plugin '${artifactId}' but central-build/pom.xml " +
                "has no property bom.${artifactId} with its BOM version")
    }
    boolean optional = dep.optional.text().trim() == 'true'
    pluginDependencies << "${artifactId}:${version}${optional ? ';resolution:=optional' : ''}".toString()
}

def developers = pom.developers.developer.collect { d ->
    [d.name.text(), d.id.text(), d.email.text()].collect { it.trim() }.join(':')
}

Map<String, String> hpi = [
    'hpi.groupId'            : values['project.groupId'],
    'hpi.artifactId'         : values['project.artifactId'],
    'hpi.version'            : values['project.version'],
    'hpi.name'               : resolve(pom.name.text() ?: values['project.artifactId']),
    'hpi.url'                : resolve(pom.url.text()),
    'hpi.jenkinsVersion'     : resolve(values['jenkins.version']),
    'hpi.pluginDependencies' : pluginDependencies.join(','),
    'hpi.developers'         : developers.join(','),
    'hpi.licenseName'        : resolve(pom.licenses.license[0].name.text()),
    'hpi.licenseUrl'         : resolve(pom.licenses.license[0].url.text()),
    'hpi.scmConnection'      : resolve(pom.scm.connection.text()),
    'hpi.scmTag'             : resolve(pom.scm.tag.text()),
    'hpi.scmUrl'             : resolve(pom.scm.url.text()),
]
hpi.each { k, v -> project.properties[k] = v }
project.build.finalName = hpi['hpi.artifactId']
log.info("Root pom.xml: ${hpi['hpi.groupId']}:${hpi['hpi.artifactId']}:${hpi['hpi.version']} for Jenkins ${hpi['hpi.jenkinsVersion']}")
