import io.dataflow.maven.it.ItGitRepository
import io.dataflow.maven.it.ItMaestro

ItGitRepository.init(basedir, 'git@github.com:user/stranger-data.git')
def registry = new File(basedir, 'registry')
def registryUri = registry.toPath().toUri().toString().replaceFirst(/\/$/, '')
def properties = context.get('userProperties')
properties.put('dataflow.registry', registryUri)
// The pom's <maestro><url> reads it: every build of this IT talks to the same server.
properties.put('it.maestro.url', ItMaestro.start(basedir))
new File(basedir, 'it-registry.properties').withWriter('UTF-8') { new Properties([uri: registryUri, dir: registry.path]).store(it, null) }
return true
