// Runs the shaded jar as a user would and reads what install() printed on stderr.
def jar = new File(basedir, 'target/unwoven-fat-jar-1.0-all.jar')
assert jar.isFile()
def java = new File(System.getProperty('java.home'), 'bin/java').path
def process = [java, '-jar', jar.path].execute(null, basedir)
def out = new StringBuilder(), err = new StringBuilder()
process.consumeProcessOutput(out, err)
assert process.waitFor() == 0 : "java -jar failed: ${err}"
assert out.toString().trim() == 'available=4 observed=0'
def lines = err.toString().readLines().findAll { it.contains('not woven') }
assert lines == ["obs: @Traced/@Timed methods of 1 class were compiled but not woven, so only calls through " +
        "Observability.instrument(..) proxies are observed: com.acme.Inventory; unwoven-fat-jar-1.0-all.jar was built " +
        "without obs-maven-plugin (it has no META-INF/obs/woven-classes): add the plugin's weave goal to the build that " +
        "compiles these classes (see docs/getting-started.md), before the jar is packaged or shaded"]
return true
