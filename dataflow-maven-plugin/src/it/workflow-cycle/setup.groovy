io.dataflow.maven.it.ItGitRepository.init(basedir, 'git@github.com:user/stranger-data.git')
return true
