package runner

import (
	"bytes"
	"io"
	"strings"
	"sync"
)

// The stages a run reports through Options.Stage.
const (
	StageLoading = "loading packages"
	StageLinting = "running linters"
)

// loadedMarker is golangci-lint v2.15.0's verbose log line at the end of
// package loading (pkg/lint/package.go): the linters run next.
const loadedMarker = "[loader] Go packages loading at mode"

// stageWriter reads golangci-lint's verbose log (-v, which Run asks for
// only to follow the stages): it reports the stage its lines mark, and
// forwards every line but the informational ones, so that what reaches
// w is the log golangci-lint writes without -v.
type stageWriter struct {
	mu    sync.Mutex
	w     io.Writer
	stage func(string)
	buf   []byte
}

func (s *stageWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf = append(s.buf, p...)
	for {
		i := bytes.IndexByte(s.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := s.buf[:i+1]
		if err := s.line(line); err != nil {
			return len(p), err
		}
		s.buf = s.buf[i+1:]
	}
}

func (s *stageWriter) line(line []byte) error {
	text := string(line)
	if strings.HasPrefix(text, "level=info ") || strings.HasPrefix(text, "INFO ") {
		if strings.Contains(text, loadedMarker) {
			s.stage(StageLinting)
		}
		return nil
	}
	_, err := s.w.Write(line)
	return err
}

// flush forwards a last line without a newline.
func (s *stageWriter) flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.buf) > 0 {
		_ = s.line(s.buf) // into a buffer or the user's log: nothing to report
		s.buf = nil
	}
}
