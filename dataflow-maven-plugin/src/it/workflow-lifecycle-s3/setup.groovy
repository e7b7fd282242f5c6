import io.dataflow.maven.it.ItGitRepository
import io.dataflow.maven.it.ItS3Proxy

ItGitRepository.init(basedir, 'git@github.com:user/stranger-data.git')
// A real S3 server; its credentials are those of the server 'dataflow' in src/it/settings.xml.
def endpoint = ItS3Proxy.start(basedir, new File(s3proxyJar), 'it-access-key', 'it-secret-key-must-not-leak')
def registryUri = "s3://${ItS3Proxy.BUCKET}/registry".toString()
def storage = ItS3Proxy.object(basedir, 'registry')
def properties = context.get('userProperties')
properties.put('dataflow.registry', registryUri)
properties.put('dataflow.s3.endpoint', endpoint)
properties.put('dataflow.s3.region', ItS3Proxy.REGION)
properties.put('it.registry.dir', storage.path)
new File(basedir, 'it-registry.properties').withWriter('UTF-8') { new Properties([uri: registryUri, dir: storage.path]).store(it, null) }
return true
