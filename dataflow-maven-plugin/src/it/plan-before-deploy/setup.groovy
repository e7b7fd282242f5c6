io.dataflow.maven.it.ItGitRepository.init(basedir, 'git@github.com:user/stranger-data.git')
// One registry for the whole reactor, inside the IT folder.
def registry = new File(basedir, 'registry')
def registryUri = registry.toPath().toUri().toString().replaceFirst(/\/$/, '')
context.get('userProperties').put('dataflow.registry', registryUri)
new File(basedir, 'it-registry.properties').withWriter('UTF-8') { new Properties([uri: registryUri, dir: registry.path]).store(it, null) }
return true
