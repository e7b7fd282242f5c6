// The journey's own registry, warehouse and run directories, inside this IT folder: nothing under ~/.dataflow.
def userProperties = context.get('userProperties')
userProperties.put('dataflow.registry', new File(basedir, 'registry').toPath().toUri().toString().replaceFirst(/\/$/, ''))
userProperties.put('dataflow.warehouse', new File(basedir, 'warehouse').path)
userProperties.put('dataflow.runsDirectory', new File(basedir, 'runs').path)
return true
