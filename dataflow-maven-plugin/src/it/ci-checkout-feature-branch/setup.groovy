io.dataflow.maven.it.ItGitRepository.ciCheckout(basedir, 'feature/x.y')
return true
