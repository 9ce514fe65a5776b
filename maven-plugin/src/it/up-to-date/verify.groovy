// First build: generates and compiles. Second build: the input digest is unchanged, so the plugin writes nothing
// and the compiler finds every class up to date.
def log = new File(basedir, 'build.log').text
def builds = log.split(/(?m)^\[INFO\] Building up-to-date 1.0$/)
assert builds.length == 3 : 'two builds ran'
def first = builds[1]
def second = builds[2]
assert first.contains('Outpost: Field: generated 12 files (com.example.field)')
assert first.contains('Compiling 10 source files')
assert second =~ /\[INFO\] Outpost: generated sources are up to date \(input digest [0-9a-f]{12}\), nothing to generate/
assert !second.contains('Outpost: Field: generated')
assert second.contains('Nothing to compile - all classes are up to date.')
return true
