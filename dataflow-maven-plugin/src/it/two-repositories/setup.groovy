// Invoker filtered only the IT's own pom: the repositories' poms get the plugin version from it.
def pluginVersion = new groovy.xml.XmlSlurper().parse(new File(basedir, 'pom.xml')).properties.'it.plugin.version'.text()
['repo-a', 'repo-b'].each { repo ->
    def pom = new File(basedir, "${repo}/pom.xml")
    pom.setText(pom.getText('UTF-8').replace('@project.version@', pluginVersion), 'UTF-8')
}
// Two repositories of different owners, each its own git repository.
io.dataflow.maven.it.ItGitRepository.init(new File(basedir, 'repo-a'), 'git@github.com:user/repo-a.git')
io.dataflow.maven.it.ItGitRepository.init(new File(basedir, 'repo-b'), 'git@github.com:other/repo-b.git')
// One registry shared by both, inside the IT folder.
def registry = new File(basedir, 'registry')
def registryUri = registry.toPath().toUri().toString().replaceFirst(/\/$/, '')
context.get('userProperties').put('dataflow.registry', registryUri)
new File(basedir, 'it-registry.properties').withWriter('UTF-8') { new Properties([uri: registryUri, dir: registry.path]).store(it, null) }
return true
