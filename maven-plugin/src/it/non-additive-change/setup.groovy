// Version 1 is the example back end's $metadata; version 2 removes WorkOrder/Description and retypes WorkOrder/Priority.
def v1 = new File(fieldServiceMetadata).getText('UTF-8')
def description = '<Property Name="Description" Type="Edm.String" MaxLength="2000"/>'
def priority = '<Property Name="Priority" Type="Edm.Int32"'
assert v1.contains(description) && v1.contains(priority)
def v2 = v1.replace(description, '').replace(priority, '<Property Name="Priority" Type="Edm.String"')
def dir = new File(basedir, 'src/main/outpost/Field')
dir.mkdirs()
new File(dir, 'metadata.xml').setText(v1, 'UTF-8')
new File(dir, 'metadata-v2.xml').setText(v2, 'UTF-8')
return true
