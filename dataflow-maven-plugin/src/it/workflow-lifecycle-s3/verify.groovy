import io.dataflow.core.registry.S3ProxyServer

try {
    // The assertions of workflow-lifecycle, unchanged: they read where the registry is from it-registry.properties.
    // Invoker clones the ITs to target/it/<name>, so the sources are three levels up.
    assert evaluate(new File(basedir, '../../../src/it/workflow-lifecycle/verify.groovy'))

    // The secret of settings.xml reached S3Proxy, never the output, also with -X (step 8) showing the Mojo's fields.
    def log = new File(basedir, 'build.log').getText('UTF-8')
    assert log.contains('(f) serverId = dataflow') && log.contains('Workflow stranger-data.daily: 2 versions, version 2 active.')
    assert !log.contains('it-secret-key-must-not-leak')
    // The objects are really in S3Proxy's storage, e.g. the first JAR build.
    def s3proxy = new File(basedir, 's3proxy').toPath()
    assert S3ProxyServer.object(s3proxy, 'dataflow-it', 'registry/jars/scala-workflow/user/stranger-data/master').toFile().isDirectory()
} finally {
    S3ProxyServer.stop(new File(basedir, 's3proxy').toPath())
}
return true
