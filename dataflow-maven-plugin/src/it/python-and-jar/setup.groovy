io.dataflow.maven.it.ItGitRepository.init(basedir, 'git@github.com:user/stranger-data.git')
// One registry for the whole reactor, inside the IT folder.
context.get('userProperties').put('dataflow.registry', 'file://' + new File(basedir, 'registry').absolutePath)
return true
