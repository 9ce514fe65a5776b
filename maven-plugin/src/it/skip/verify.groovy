def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Outpost: validation skipped (outpost.skip)')
assert log.contains('[INFO] Outpost: generation skipped (outpost.skip)')
assert log.contains('[INFO] Outpost: migration verification skipped (outpost.skip)')
assert log.contains('[INFO] BUILD SUCCESS')
assert !new File(basedir, 'target/generated-sources/outpost').exists()
assert new File(basedir, 'target/classes/app/Plain.class').isFile()
return true
