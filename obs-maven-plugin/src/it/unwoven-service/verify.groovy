def log = new File(basedir, 'build.log').text
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/
assert !log.contains('obs: wove')
return true
