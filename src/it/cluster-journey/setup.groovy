// The journey's own registry, warehouse and runs, and the port of its Spark standalone Master (a free one now; the
// Master takes it in step 1). Every step gets these; dataflow:run (steps 5 and 9) runs on that
// Master.
def userProperties = context.get('userProperties')
userProperties.put('dataflow.registry', new File(basedir, 'registry').toPath().toUri().toString().replaceFirst(/\/$/, ''))
userProperties.put('dataflow.warehouse', new File(basedir, 'warehouse').path)
userProperties.put('dataflow.runsDirectory', new File(basedir, 'runs').path)
def port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
userProperties.put('dataflow.cluster.port', port as String)
userProperties.put('dataflow.spark.master', "spark://127.0.0.1:${port}".toString())
// The driver (dataflow:run's runner JVM) on loopback too, and one small executor for a 2-core machine.
userProperties.put('dataflow.spark.conf.spark.driver.host', '127.0.0.1')
userProperties.put('dataflow.spark.conf.spark.driver.bindAddress', '127.0.0.1')
userProperties.put('dataflow.spark.conf.spark.executor.memory', '768m')
userProperties.put('dataflow.spark.conf.spark.executor.cores', '1')
userProperties.put('dataflow.spark.conf.spark.cores.max', '1')
// For spark/pom.xml (sub-project poms are not filtered): the Spark of this build, the runner JAR to read options from,
// and the cluster script StandaloneClusterTest uses too (verify.groovy stops the cluster with it).
userProperties.put('it.spark.version', sparkVersion)
userProperties.put('it.scala.binary.version', scalaBinaryVersion)
userProperties.put('it.dataflow.version', dataflowVersion)
userProperties.put('it.cluster.script',
        new File(dataflowRoot, 'dataflow-spark-runner/src/test/cluster/standalone-cluster.sh').canonicalPath)
return true
