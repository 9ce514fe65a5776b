def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'src/main/outpost/Field')
assert log.contains('Outpost: Field: schema version 1 recorded in ')
assert log =~ /Outpost: Field: schema version 2 added to .* with a migration of 2 statements \(\[1-to-2.sql, 2.json\]\)/
assert new File(dir, '1.json').isFile() && new File(dir, '2.json').isFile()
assert new File(dir, '1-to-2.sql').text == '''-- Outpost schema migration of FieldService.Container from version 1 to 2.
-- Generated from an additive $metadata change; a store at version 1 applies it in one transaction when it opens.
ALTER TABLE "WorkOrders" ADD COLUMN "Notes" TEXT;
ALTER TABLE "$server.WorkOrders" ADD COLUMN "Notes" TEXT;
'''
def packaged = new File(basedir, 'target/classes/META-INF/outpost/schema/FieldService.Container')
assert packaged.list().sort() == ['1-to-2.sql', '1.json', '2.json']
assert log.contains('verified: version 1 and 1 migration give the schema of the current $metadata')
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
return true
