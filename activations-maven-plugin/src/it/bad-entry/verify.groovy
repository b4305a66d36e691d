def log = new File(basedir, 'build.log').text
def catalog = new File(basedir, 'src/main/activations/catalog.txt').canonicalPath
assert log.contains('catalog: ') : 'no derive message'
assert log =~ /(?m)catalog\.txt:4: /  : 'the message names the line'
def out = new File(basedir, 'target/generated-sources/activations')
assert !out.exists() || out.listFiles().length == 0 : 'nothing left in ' + out
return true
