/*
 * Packages target/<artifactId>.hpi as maven-hpi-plugin does: META-INF/MANIFEST.MF, the plugin jar in
 * WEB-INF/lib, the libraries this plugin bundles (compile and runtime scope only: what Jenkins core or a
 * depended-on plugin provides is "provided" and stays out), and the root src/main/webapp at the top.
 * Runs in the package phase after maven-jar-plugin.
 */
import java.util.jar.JarOutputStream
import java.util.jar.Manifest
import java.util.zip.ZipEntry

File target = new File(project.build.directory)
File jar = new File(target, project.build.finalName + '.jar')
File hpi = new File(target, project.build.finalName + '.hpi')
File webapp = new File(new File(project.properties['root.basedir']).canonicalFile, 'src/main/webapp')
Manifest manifest = new File(target, 'hpi/MANIFEST.MF').withInputStream { new Manifest(it) }

List<File> bundled = project.artifacts
        .findAll { (it.scope == 'compile' || it.scope == 'runtime') && !it.optional }
        .collect { it.file }

void add(JarOutputStream zip, String name, File file) {
    zip.putNextEntry(new ZipEntry(name))
    file.withInputStream { zip << it }
    zip.closeEntry()
}

hpi.withOutputStream { raw ->
    new JarOutputStream(raw, manifest).withCloseable { zip ->
        zip.putNextEntry(new ZipEntry('WEB-INF/'))
        zip.putNextEntry(new ZipEntry('WEB-INF/lib/'))
        add(zip, "WEB-INF/lib/${jar.name}", jar)
        bundled.each { add(zip, "WEB-INF/lib/${it.name}", it) }
        if (webapp.directory) {
            webapp.eachFileRecurse(groovy.io.FileType.FILES) { f ->
                add(zip, webapp.toPath().relativize(f.toPath()).toString().replace(File.separatorChar, '/' as char), f)
            }
        }
    }
}
log.info("Built ${hpi} (WEB-INF/lib: ${jar.name}${bundled.collect { ', ' + it.name }.join('')})")
