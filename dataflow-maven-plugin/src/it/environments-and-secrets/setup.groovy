io.dataflow.maven.it.ItGitRepository.init(basedir, 'git@github.com:user/stranger-data.git')
// verify only reads the registry; it is still this IT's own.
context.get('userProperties').put('dataflow.registry', new File(basedir, 'registry').toPath().toUri().toString())
return true
