package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Progress modes (--progress).
const (
	progressAuto   = "auto"
	progressAlways = "always"
	progressNever  = "never"
)

// heartbeat is how often a run that is not on a terminal says it still
// runs; redraw how often the line on a terminal is redrawn.
const (
	heartbeat = 30 * time.Second
	redraw    = 200 * time.Millisecond
)

// progress tells the user on stderr what a run is doing and for how
// long: on a terminal one line redrawn in place (the stage and the time
// elapsed); elsewhere a start line and a heartbeat line every 30 s. A nil
// *progress shows nothing.
type progress struct {
	w     io.Writer
	tty   bool
	every time.Duration
	now   func() time.Time

	mu      sync.Mutex
	start   time.Time
	stage   string
	drawn   bool // a terminal line is on screen
	stop    chan struct{}
	stopped sync.WaitGroup
}

// newProgress is the progress --progress and -q ask for: auto shows it
// on a terminal, and in CI (the CI variable set) as lines; always on any
// stderr; never, and -q, not at all.
func newProgress(stderr io.Writer, mode string, quiet bool) (*progress, error) {
	tty := isTerminal(stderr)
	switch mode {
	case progressAuto:
		if quiet || (!tty && os.Getenv("CI") == "") {
			return nil, nil
		}
	case progressAlways:
		if quiet {
			return nil, nil
		}
	case progressNever:
		return nil, nil
	default:
		return nil, usageError("--progress %q: want auto, always or never", mode)
	}
	every := heartbeat
	if tty {
		every = redraw
	}
	return &progress{w: stderr, tty: tty, every: every, now: time.Now}, nil
}

// begin shows the first stage and starts the clock.
func (p *progress) begin(what, stage string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.start, p.stage, p.stop = p.now(), stage, make(chan struct{})
	if !p.tty {
		_, _ = fmt.Fprintf(p.w, "lintgate: %s: %s (a line every %s until it ends)\n", what, stage, p.every)
	}
	p.drawLocked()
	stop := p.stop
	p.mu.Unlock()
	p.stopped.Add(1)
	go p.tick(stop)
}

func (p *progress) tick(stop <-chan struct{}) {
	defer p.stopped.Done()
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			p.mu.Lock()
			if p.tty {
				p.drawLocked()
			} else {
				_, _ = fmt.Fprintf(p.w, "lintgate: still %s (%s)\n", p.stage, p.elapsedLocked())
			}
			p.mu.Unlock()
		}
	}
}

// set moves to the next stage.
func (p *progress) set(stage string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stage = stage
	p.drawLocked()
}

// clear erases the terminal line before something else is printed on
// stderr; the next tick draws it again.
func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.eraseLocked()
}

// end stops the progress and erases its line.
func (p *progress) end() {
	if p == nil {
		return
	}
	p.mu.Lock()
	if p.stop == nil {
		p.mu.Unlock()
		return
	}
	close(p.stop)
	p.stop = nil
	p.mu.Unlock()
	p.stopped.Wait()
	p.clear()
}

func (p *progress) drawLocked() {
	if p.tty && p.stop != nil {
		_, _ = fmt.Fprintf(p.w, "\r\x1b[Klintgate: %s %s", p.stage, p.elapsedLocked())
		p.drawn = true
	}
}

func (p *progress) eraseLocked() {
	if p.drawn {
		_, _ = io.WriteString(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

func (p *progress) elapsedLocked() string {
	d := p.now().Sub(p.start)
	if p.tty {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return d.Round(time.Second).String()
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
