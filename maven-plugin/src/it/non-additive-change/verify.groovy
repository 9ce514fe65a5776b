def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'src/main/outpost/Field')
def second = log.split(/(?m)^\[INFO\] Building non-additive-change 1.0$/)[2]
def expected = """[ERROR] Outpost: generation refused: Field: the \$metadata ${new File(dir, 'metadata-v2.xml')} changed in ways an installed store cannot migrate to, compared with schema version 1 (${new File(dir, '1.json')}):
  - property 'WorkOrders/Description' was removed (or renamed)
  - property 'WorkOrders/Priority' changed its type from Edm.Int32 to Edm.String
Stores on devices keep their data across application updates only through additive changes (new entity sets, properties, navigations). Either restore these elements in the \$metadata (a rename is a removal plus an addition: keep the old element), or, if the break is intended, start a new schema history by deleting ${dir} and generating again; installed stores of the old schema then refuse to open and must be deleted after uploading their pending changes."""
assert second.contains(expected) : second
assert second.contains('[INFO] BUILD FAILURE')
assert dir.list().sort() == ['1.json', 'metadata-v2.xml', 'metadata.xml']
return true
