package snapshot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// The proxy outcomes that mean "try the next one", as in the go
// command's modfetch: both count as not found.
var (
	errProxyOff = notFound("proxy is off or direct")
	errUseProxy = notFound("path matches GONOPROXY")
)

type notFoundError string

func notFound(s string) error           { return notFoundError(s) }
func (e notFoundError) Error() string   { return string(e) }
func (e notFoundError) Is(t error) bool { return t == fs.ErrNotExist }

type proxySpec struct {
	url             string
	fallBackOnError bool
}

// proxyList parses GOPROXY as the go command does: entries separated by
// "," (fall back on 404/410 only) or "|" (fall back on any error), "off"
// and "direct" end the list, and a bare host gets https://.
func proxyList(goproxy, gonoproxy string) ([]proxySpec, error) {
	var list []proxySpec
	if gonoproxy != "" && goproxy != "direct" {
		list = append(list, proxySpec{url: "noproxy"})
	}
	for goproxy != "" {
		var u string
		fallBack := false
		if i := strings.IndexAny(goproxy, ",|"); i >= 0 {
			u, fallBack, goproxy = goproxy[:i], goproxy[i] == '|', goproxy[i+1:]
		} else {
			u, goproxy = goproxy, ""
		}
		u = strings.TrimSpace(u)
		switch {
		case u == "":
			continue
		case u == "off", u == "direct":
			return append(list, proxySpec{url: u}), nil
		case strings.ContainsAny(u, ".:/") && !strings.Contains(u, ":/") && !filepath.IsAbs(u) && !path.IsAbs(u):
			u = "https://" + u
		}
		if _, err := url.Parse(u); err != nil {
			return nil, fmt.Errorf("invalid GOPROXY entry %q: %w", u, err)
		}
		list = append(list, proxySpec{url: u, fallBackOnError: fallBack})
	}
	if len(list) == 0 || len(list) == 1 && list[0].url == "noproxy" {
		return nil, errors.New("GOPROXY list is not the empty string, but contains no entries")
	}
	return list, nil
}

// tryProxies calls f for each proxy in turn, as the go command's
// TryProxies does, and returns the most helpful error.
func tryProxies(goproxy, gonoproxy string, f func(proxy string) error) error {
	proxies, err := proxyList(goproxy, gonoproxy)
	if err != nil {
		return err
	}
	const (
		notExistRank = iota
		proxyRank
		directRank
	)
	var bestErr error
	bestRank := notExistRank
	for _, p := range proxies {
		err := f(p.url)
		if err == nil {
			return nil
		}
		isNotExist := errors.Is(err, fs.ErrNotExist)
		switch {
		case p.url == "direct" || (p.url == "noproxy" && err != errUseProxy): //nolint:errorlint // the sentinel itself, as the go command compares it
			bestErr, bestRank = err, directRank
		case bestRank <= proxyRank && !isNotExist:
			bestErr, bestRank = err, proxyRank
		case bestRank == notExistRank:
			bestErr = err
		}
		if !p.fallBackOnError && !isNotExist {
			break
		}
	}
	return bestErr
}

// joinURL appends a slash-separated path to a base URL.
func joinURL(base *url.URL, p string) *url.URL {
	u := *base
	u.Path = strings.TrimSuffix(base.Path, "/") + "/" + strings.TrimPrefix(p, "/")
	u.RawPath = ""
	return &u
}

// getURL reads an http(s) or file URL. A 404 or 410, or a missing file,
// is an error that is fs.ErrNotExist.
func getURL(ctx context.Context, u *url.URL) ([]byte, error) {
	if u.Scheme == "file" {
		data, err := os.ReadFile(filepath.FromSlash(u.Path)) //nolint:gosec // a file:// GOPROXY entry names the directory to read, as for the go command
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("reading %s: %w", u.Redacted(), notFound("not found"))
		}
		return data, err
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("reading %s: unsupported URL scheme %q", u.Redacted(), u.Scheme)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, err // names the URL
	}
	defer func() { _ = resp.Body.Close() }() // read only
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", u.Redacted(), err)
	}
	switch resp.StatusCode {
	case http.StatusOK:
		return body, nil
	case http.StatusNotFound, http.StatusGone:
		return nil, fmt.Errorf("reading %s: %s: %w", u.Redacted(), resp.Status, notFound(strings.TrimSpace(firstLine(body))))
	}
	return nil, fmt.Errorf("reading %s: %s", u.Redacted(), resp.Status)
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return s
}
