package sarif

import (
	"crypto/sha1" //nolint:gosec // RFC 4122 name-based UUIDs are defined with SHA-1; no security role here.
	"fmt"
)

// uuidNamespaceURL is RFC 4122's namespace for names that are URLs.
var uuidNamespaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// toolGUID returns a stable name-based (version 5) UUID for a tool
// component. SARIF toolComponent references must carry a guid in
// go-sarif's model, and a stable one keeps logs byte-identical run to run.
func toolGUID(name string) string {
	h := sha1.New() //nolint:gosec // see import
	h.Write(uuidNamespaceURL[:])
	h.Write([]byte("https://github.com/lintgate/lintgate/tool/" + name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
