// Version 1 is the example back end's $metadata; version 2 adds a property to WorkOrder. A copy of version 1 goes to
// the test resources, so that the test can create a store of version 1.
def v1 = new File(fieldServiceMetadata).getText('UTF-8')
def description = '<Property Name="Description" Type="Edm.String" MaxLength="2000"/>'
assert v1.contains(description)
def v2 = v1.replace(description, description + '\n        <Property Name="Notes" Type="Edm.String"/>')
def dir = new File(basedir, 'src/main/outpost/Field')
dir.mkdirs()
new File(dir, 'metadata.xml').setText(v1, 'UTF-8')
new File(dir, 'metadata-v2.xml').setText(v2, 'UTF-8')
def test = new File(basedir, 'src/test/resources/field-v1.xml')
test.parentFile.mkdirs()
test.setText(v1, 'UTF-8')
return true
