def log = new File(basedir, 'build.log').text
assert log.contains('Outpost: Field: 0 errors, 1 warning, 9 infos in ')
assert log.contains('Outpost: Field: schema version 1 recorded in ')
assert log.contains('Outpost: Field: generated 12 files (com.example.field)')
assert new File(basedir, 'target/generated-sources/outpost/com/example/field/FieldService.java').isFile()
assert new File(basedir, 'target/classes/com/example/field/WorkOrder.class').isFile()
assert new File(basedir, 'src/main/outpost/Field/1.json').isFile()
assert new File(basedir, 'target/classes/META-INF/outpost/schema/FieldService.Container/1.json').text ==
        new File(basedir, 'src/main/outpost/Field/1.json').text
assert new File(basedir, 'target/classes/META-INF/outpost/com/example/field/metadata.xml').isFile()
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('Outpost: schema history in ') && log.contains('verified: version 1 and 0 migrations give the schema of the current $metadata')
return true
