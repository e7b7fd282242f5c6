import io.dataflow.core.registry.S3ProxyServer
import io.dataflow.maven.it.ItGitRepository
import java.time.Duration

ItGitRepository.init(basedir, 'git@github.com:user/stranger-data.git')
// A real S3 server; its credentials are those of the server 'dataflow' in src/it/settings.xml. It can never outlive
// the IT run (at most 15 minutes, and stopped when this JVM exits); verify.groovy stops it.
def directory = new File(basedir, 's3proxy').toPath()
def server = S3ProxyServer.start(directory, new File(s3proxyJar).toPath(), 'it-access-key', 'it-secret-key-must-not-leak',
        Duration.ofMinutes(15))
server.createBucket('dataflow-it')
def registryUri = 's3://dataflow-it/registry'
def storage = S3ProxyServer.object(directory, 'dataflow-it', 'registry').toFile()
def properties = context.get('userProperties')
properties.put('dataflow.registry', registryUri)
properties.put('dataflow.s3.endpoint', server.endpoint())
properties.put('dataflow.s3.region', S3ProxyServer.REGION)
properties.put('it.registry.dir', storage.path)
new File(basedir, 'it-registry.properties').withWriter('UTF-8') { new Properties([uri: registryUri, dir: storage.path]).store(it, null) }
return true
