def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains(":test (dataflow-test)")
def message = "Invalid namespace 'Bad.Name' in ${new File(basedir, 'pom.xml').canonicalPath} (dataflow-maven-plugin parameter <namespace>): a namespace must match [a-z0-9][a-z0-9_-]*"
assert log.contains(':deploy (default-cli)')
assert log.count(message) >= 2
assert log.count('BUILD FAILURE') == 2
assert !log.contains('Deploying JAR Assets:')
def registry = new File(basedir, 'registry')
assert !registry.exists() || registry.list().length == 0
return true
