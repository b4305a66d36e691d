// The two runs of invoker.properties: the first derived three entries, the second none.
def log = new File(basedir, 'build.log').text
assert log.contains('activations: deriving Tanh, Cauchyish, LogAbsGated (3 of 3)')
assert log.contains('activations: 3 entries up to date; nothing to derive')
assert log.contains('activations: compiled 3 SIMD companion(s)')

def main = new File(basedir, 'target/generated-sources/activations/example/acts')
def simd = new File(basedir, 'target/generated-sources/activations-simd/example/acts')
assert main.list().sort() == ['Cauchyish.java', 'LogAbsGated.java', 'Tanh.java']
assert simd.list().sort() == ['CauchyishSimd.java', 'LogAbsGatedSimd.java', 'TanhSimd.java']
assert new File(basedir, 'target/classes/example/acts/TanhSimd.class').isFile()
// readable sources only: no embedded class file
main.eachFile { assert !it.text.contains('Base64') }

// the second execution: the same bytes apart from the package name
def again = new File(basedir, 'target/generated-sources/again/example/again')
main.eachFile { f ->
  def other = new File(again, f.name).text.replace('example.again', 'example.acts')
  assert other == f.text : f.name + ' differs between the two executions'
}
return true
