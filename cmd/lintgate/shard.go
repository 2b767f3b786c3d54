package main

import (
	"fmt"
	"strconv"
	"strings"
)

// shard is --shard I/N: the I-th of N parts of the packages.
type shard struct{ i, n int }

func parseShard(s string) (shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return shard{}, fmt.Errorf("--shard %q: want I/N with 1 <= I <= N, for example 2/4", s)
	}
	return shard{i, n}, nil
}

// pick returns the shard's part of the sorted package patterns: every
// N-th, starting with the I-th. The split depends only on the package
// list, so N jobs with the same checkout lint every package exactly once.
func (s shard) pick(pkgs []string) []string {
	var out []string
	for k, p := range pkgs {
		if k%s.n == s.i-1 {
			out = append(out, p)
		}
	}
	return out
}
