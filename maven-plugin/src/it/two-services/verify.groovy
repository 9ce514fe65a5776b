def log = new File(basedir, 'build.log').text
assert log.contains('Outpost: Field: generated 12 files (com.example.field)')
assert log.contains('Outpost: Notes: generated 6 files (com.example.notes)')
assert log.contains('Outpost: Notes: 0 errors, 0 warnings, 0 infos in ')
assert new File(basedir, 'src/main/outpost/Field/1.json').isFile()
assert new File(basedir, 'src/main/outpost/Notes/1.json').isFile()
def packaged = new File(basedir, 'target/classes/META-INF/outpost/schema')
assert packaged.list().sort() == ['FieldService.Container', 'Notes.NotesService']
assert log.findAll(/verified: version 1 and 0 migrations/).size() == 2
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
return true
