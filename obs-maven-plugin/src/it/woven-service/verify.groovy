// Checks what the two Maven builds of the fixture printed and left behind; its own tests checked the observations.
def log = new File(basedir, 'build.log').text

assert log.contains('[WARNING] obs: com.acme.Repository.save(String): @Traced ignored: an abstract method has no code to weave')
assert log.contains('[WARNING] obs: com.acme.Repository.handle(): @Timed ignored: a native method has no bytecode to weave')
assert log =~ /obs: wove 7 methods in 2 classes \(0 already woven, 3 class files examined\)/
assert log =~ /obs: wove 1 method in 1 class \(0 already woven/ : 'weave-tests weaves the test classes'
assert log =~ /obs: wove 0 methods in 0 classes \(2 already woven, 3 class files examined\)/ : 'the second build must not weave again'
assert (log =~ /Tests run: 7, Failures: 0, Errors: 0, Skipped: 0\n/).count == 2 : 'both builds run the tests against woven classes'
assert !log.contains('BUILD FAILURE')

def index = new File(basedir, 'target/classes/META-INF/obs/woven-classes').readLines()
assert index == ['com.acme.Billing', 'com.acme.OrderService']

// woven classes refer to obs-core alone
new File(basedir, 'target/classes').eachFileRecurse { file ->
    if (file.name.endsWith('.class')) {
        def text = new String(file.bytes, 'ISO-8859-1')
        assert !text.contains('net/bytebuddy') : file
        assert !text.contains('dev/obs/maven') : file
    }
}
return true
