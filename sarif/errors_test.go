package sarif

import "io/fs"

var errNotFound = fs.ErrNotExist
