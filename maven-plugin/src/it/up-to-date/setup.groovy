// The application keeps its service's $metadata in its source tree.
def target = new File(basedir, 'src/main/outpost/Field/metadata.xml')
target.parentFile.mkdirs()
target.bytes = new File(fieldServiceMetadata).bytes
return true
