/*
 * Writes target/hpi/MANIFEST.MF with the entries maven-hpi-plugin writes (its AbstractJenkinsManifestMojo),
 * from the "hpi.*" properties RootPom.groovy set. Runs in prepare-package, once the classes and their
 * SezPoz index exist; maven-jar-plugin and PackageHpi.groovy both use the file.
 */
import java.util.jar.Attributes
import java.util.jar.Manifest

Properties p = project.properties
File rootDir = new File(p['root.basedir']).canonicalFile

String gitHead(File dir) {
    try {
        Process git = new ProcessBuilder(['git', '-C', dir.path, 'rev-parse', 'HEAD']).redirectErrorStream(true).start()
        String out = git.inputStream.text.trim()
        return git.waitFor() == 0 && out ==~ /[0-9a-f]{40}/ ? out : null
    } catch (IOException ignored) {
        return null
    }
}

/*
 * Support-Dynamic-Loading: true when every indexed @Extension says dynamicLoadable = YES, false when one
 * says NO, absent otherwise -- read from the SezPoz index as maven-hpi-plugin does.
 */
String dynamicLoading() {
    URL[] urls = project.compileClasspathElements.collect { new File(it).toURI().toURL() } as URL[]
    URLClassLoader loader = new URLClassLoader(urls, (ClassLoader) null)
    try {
        Class extension = loader.loadClass('hudson.Extension')
        Class index = loader.loadClass('net.java.sezpoz.Index')
        List<String> answers = index.load(extension, Object, loader).collect { it.annotation().dynamicLoadable().name() }
        if (answers.contains('NO')) return 'false'
        if (!answers.isEmpty() && answers.every { it == 'YES' }) return 'true'
        return null
    } finally {
        loader.close()
    }
}

String version = p['hpi.version']
String head = gitHead(rootDir)
String pluginVersion = version
if (version.endsWith('-SNAPSHOT')) {
    String stamp = head ? head.substring(0, 8) : java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern('MM/dd/yyyy HH:mm'))
    pluginVersion = "${version} (private-${stamp}-${System.getProperty('user.name')})"
}

Manifest manifest = new Manifest()
Attributes main = manifest.mainAttributes
Closure put = { String name, String value -> if (value != null) main.putValue(name, value) }
put('Manifest-Version', '1.0')
put('Created-By', "Maven ${session.systemProperties['maven.version'] ?: ''} (environment-management central-build)".toString())
put('Build-Jdk-Spec', System.getProperty('java.specification.version'))
put('Specification-Title', p['hpi.name'])
put('Specification-Version', (version =~ /^[0-9.]+/).find() ? (version =~ /^[0-9.]+/)[0].replaceAll(/\.$/, '') : version)
put('Implementation-Title', p['hpi.name'])
put('Implementation-Version', version)
put('Group-Id', p['hpi.groupId'])
put('Artifact-Id', p['hpi.artifactId'])
put('Short-Name', p['hpi.artifactId'])
put('Long-Name', p['hpi.name'])
put('Url', p['hpi.url'] ?: null)
put('Plugin-Version', pluginVersion)
put('Hudson-Version', p['hpi.jenkinsVersion'])
put('Jenkins-Version', p['hpi.jenkinsVersion'])
put('Plugin-Dependencies', p['hpi.pluginDependencies'] ?: null)
put('Plugin-Developers', p['hpi.developers'])
put('Support-Dynamic-Loading', dynamicLoading())
put('Plugin-License-Name', p['hpi.licenseName'] ?: null)
put('Plugin-License-Url', p['hpi.licenseUrl'] ?: null)
put('Plugin-ScmConnection', p['hpi.scmConnection'] ?: null)
put('Plugin-ScmTag', p['hpi.scmTag'] ?: null)
put('Plugin-ScmUrl', p['hpi.scmUrl'] ?: null)
put('Implementation-Build', head)

File out = new File(project.build.directory, 'hpi/MANIFEST.MF')
out.parentFile.mkdirs()
out.withOutputStream { manifest.write(it) }
