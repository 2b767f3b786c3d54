package release

import (
	"fmt"
	"strings"
	"time"

	"github.com/lintgate/lintgate/internal/sshsig"
)

// CheckBinary says whether a binary whose sha256 is digest is the file
// name (BinaryName of its platform) of the release manifest m.
func CheckBinary(m Manifest, name, digest string) error {
	e, ok := m.Lookup(name)
	if !ok {
		var bins []string
		for _, e := range m {
			if strings.HasPrefix(e.Name, "lintgate_") && !strings.HasSuffix(e.Name, ".json") {
				bins = append(bins, e.Name)
			}
		}
		return fmt.Errorf("the manifest has no %s (it lists %s): no release binary for this platform", name, orNone(bins))
	}
	if e.SHA256 != digest {
		return fmt.Errorf("this binary is not the released %s: its sha256 is %s, the manifest says %s", name, digest, e.SHA256)
	}
	return nil
}

// VerifySignature checks the SSH signature of a manifest in the
// lintgate-release namespace against allowed_signers lines.
func VerifySignature(manifest, sig []byte, signers []sshsig.AllowedSigner, allowedName string, now time.Time) (sshsig.Signer, error) {
	return sshsig.Verify(manifest, sig, signers, allowedName, Namespace, now)
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "no binary"
	}
	return strings.Join(s, ", ")
}
