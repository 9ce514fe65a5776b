def log = new File(basedir, 'build.log').text
def metadata = new File(basedir, 'src/main/outpost/Field/metadata.xml')
assert log.contains("[ERROR] ${metadata}:195:9: error: [OUT104] Entity set 'Parts' has no ETag (Core.OptimisticConcurrency).")
assert !log.contains('[OUT110]') : 'OUT110 is switched off'
assert log.contains("[ERROR] Outpost: generation refused: Field: 1 error, 0 warnings, 8 infos in ${metadata}; validation failed:"
        + " 1 finding at or above error; nothing was generated. Fix the findings above, or change their severity or the"
        + " failure threshold (error) if they are acceptable offline.")
assert log.contains('[INFO] BUILD FAILURE')
assert !new File(basedir, 'target/generated-sources/outpost').exists()
assert !new File(basedir, 'src/main/outpost/Field/1.json').exists()
return true
