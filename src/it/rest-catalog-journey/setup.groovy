import io.dataflow.core.registry.S3ProxyServer
import java.time.Duration

// A real S3 server for the registry and the Iceberg warehouse. Its key pair is the one of the settings.xml server
// 'dataflow' of src/it/settings.xml, which dataflow:deploy and dataflow:run read; it never outlives the journey (at
// most 20 minutes, and stopped when this JVM exits; verify.groovy stops it).
def s3 = new File(basedir, 's3proxy').toPath()
def server = S3ProxyServer.start(s3, new File(s3proxyJar).toPath(), 'it-access-key', 'it-secret-key-must-not-leak',
        Duration.ofMinutes(20))
server.createBucket('lake')
// The REST catalog server reads the key pair from this file (start-catalog.sh), never from a command line.
def catalogServer = new File(basedir, 'catalog-server')
catalogServer.mkdirs()
new File(catalogServer, 's3-credentials.env').text =
        'AWS_ACCESS_KEY_ID=it-access-key\nAWS_SECRET_ACCESS_KEY=it-secret-key-must-not-leak\nAWS_REGION=us-east-1\n'
def catalogPort = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
new File(catalogServer, 'port').text = catalogPort as String

def userProperties = context.get('userProperties')
userProperties.put('dataflow.registry', 's3://lake/registry')
userProperties.put('dataflow.s3.endpoint', server.endpoint())
userProperties.put('dataflow.s3.region', S3ProxyServer.REGION)
userProperties.put('dataflow.catalog.uri', "http://127.0.0.1:${catalogPort}".toString())
userProperties.put('dataflow.warehouse', 's3://lake/warehouse')
userProperties.put('dataflow.runsDirectory', new File(basedir, 'runs').path)
// For catalog/pom.xml (sub-project poms are not filtered).
userProperties.put('it.catalog.port', catalogPort as String)
userProperties.put('it.s3.endpoint', server.endpoint())
return true
