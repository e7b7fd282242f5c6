import io.dataflow.maven.it.ItS3Proxy

try {
    // The assertions of workflow-lifecycle, unchanged: they read where the registry is from it-registry.properties.
    // Invoker clones the ITs to target/it/<name>, so the sources are three levels up.
    assert evaluate(new File(basedir, '../../../src/it/workflow-lifecycle/verify.groovy'))

    // The secret of settings.xml reached S3Proxy, never the output, also with -X (step 8) showing the Mojo's fields.
    def log = new File(basedir, 'build.log').getText('UTF-8')
    assert log.contains('(f) serverId = dataflow') && log.contains('Workflow stranger-data.daily: 2 versions, version 2 active.')
    assert !log.contains('it-secret-key-must-not-leak')
    // The objects are really in S3Proxy's storage, e.g. the first JAR build.
    assert ItS3Proxy.object(basedir, 'registry/jars/scala-workflow/user/stranger-data/master').isDirectory()
} finally {
    ItS3Proxy.stop(basedir)
}
return true
