package maps

import (
	"fmt"
	"strconv"
	"strings"
)

// A point in tenths of a viewBox unit: coordinates are kept as integers
// so re-encoding a path never drifts.
type point struct{ X, Y int64 }

// compactPath reads polygon path data (M, L, H, V and Z commands,
// absolute or relative, as the boundary data is written) and writes it
// back in the shortest form: relative moves, h and v where a side is
// straight, repeated points and degenerate rings dropped, at most one
// decimal. Curves and arcs are refused: boundaries are polygons, and a
// shape this package cannot read is a bug upstream, not something to
// draw wrongly. Every point must lie inside the w×h viewBox.
func compactPath(d string, w, h int) (string, error) {
	rings, err := parsePath(d)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var start point
	drawn := false
	for _, ring := range rings {
		ring = tidyRing(ring)
		if len(ring) < 3 {
			continue
		}
		for _, p := range ring {
			if p.X < 0 || p.Y < 0 || p.X > int64(w)*10 || p.Y > int64(h)*10 {
				return "", fmt.Errorf("point %s,%s lies outside the %d×%d viewBox", tenths(p.X), tenths(p.Y), w, h)
			}
		}
		if drawn {
			b.WriteByte('m')
			writePair(&b, ring[0].X-start.X, ring[0].Y-start.Y)
		} else {
			b.WriteByte('M')
			writePair(&b, ring[0].X, ring[0].Y)
		}
		writeRing(&b, ring)
		b.WriteByte('z')
		start, drawn = ring[0], true
	}
	if !drawn {
		return "", fmt.Errorf("path %q encloses no area", truncate(d))
	}
	return b.String(), nil
}

// writeRing writes the sides of a ring after its first point.
func writeRing(b *strings.Builder, ring []point) {
	last := byte('M')
	for i := 1; i < len(ring); i++ {
		dx, dy := ring[i].X-ring[i-1].X, ring[i].Y-ring[i-1].Y
		switch {
		case dy == 0:
			b.WriteByte('h')
			writeNum(b, dx, false)
			last = 'h'
		case dx == 0:
			b.WriteByte('v')
			writeNum(b, dy, false)
			last = 'v'
		default:
			// Pairs after an l need no letter of their own.
			sep := last == 'l'
			if !sep {
				b.WriteByte('l')
			}
			writeNum(b, dx, sep)
			writeNum(b, dy, true)
			last = 'l'
		}
	}
}

// tidyRing drops repeated points and a closing point equal to the first.
func tidyRing(ring []point) []point {
	var out []point
	for _, p := range ring {
		if len(out) == 0 || p != out[len(out)-1] {
			out = append(out, p)
		}
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	return out
}

func writePair(b *strings.Builder, x, y int64) {
	writeNum(b, x, false)
	writeNum(b, y, true)
}

// writeNum writes a number in tenths; a space separates it from the
// number before unless its minus sign does.
func writeNum(b *strings.Builder, v int64, sep bool) {
	if sep && v >= 0 {
		b.WriteByte(' ')
	}
	b.WriteString(tenths(v))
}

// tenths prints v/10 with one decimal only when it has one: "12", "-0.5".
func tenths(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := sign + strconv.FormatInt(v/10, 10)
	if f := v % 10; f != 0 {
		s += "." + strconv.FormatInt(f, 10)
	}
	return s
}

// parsePath reads path data into rings of absolute points.
func parsePath(d string) ([][]point, error) {
	var (
		rings      [][]point
		cur, start point
		cmd        byte
		args       []int64
	)
	flush := func() error {
		need := map[byte]int{'M': 2, 'L': 2, 'H': 1, 'V': 1, 'Z': 0}[upper(cmd)]
		if cmd == 0 && len(args) > 0 {
			return fmt.Errorf("path %q starts with a number, not a command", truncate(d))
		}
		if need == 0 {
			if len(args) > 0 {
				return fmt.Errorf("path %q: %c takes no numbers", truncate(d), cmd)
			}
			if cmd != 0 {
				cur = start
			}
			return nil
		}
		if len(args) == 0 || len(args)%need != 0 {
			return fmt.Errorf("path %q: %c needs numbers in %ss", truncate(d), cmd, map[int]string{1: "one", 2: "pair"}[need])
		}
		rel := cmd >= 'a'
		for i := 0; i < len(args); i += need {
			next := cur
			switch upper(cmd) {
			case 'M', 'L':
				next = point{args[i], args[i+1]}
				if rel {
					next = point{cur.X + args[i], cur.Y + args[i+1]}
				}
			case 'H':
				next.X = args[i]
				if rel {
					next.X += cur.X
				}
			case 'V':
				next.Y = args[i]
				if rel {
					next.Y += cur.Y
				}
			}
			if upper(cmd) == 'M' && i == 0 {
				rings = append(rings, nil)
				start = next
			}
			if len(rings) == 0 {
				return fmt.Errorf("path %q draws before its first M", truncate(d))
			}
			rings[len(rings)-1] = append(rings[len(rings)-1], next)
			cur = next
		}
		return nil
	}
	for i := 0; i < len(d); {
		c := d[i]
		switch {
		case c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.IndexByte("MmLlHhVvZz", c) >= 0:
			if err := flush(); err != nil {
				return nil, err
			}
			cmd, args = c, args[:0]
			i++
		case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
			v, n, err := parseTenths(d[i:])
			if err != nil {
				return nil, fmt.Errorf("path %q: %w", truncate(d), err)
			}
			args = append(args, v)
			i += n
		default:
			return nil, fmt.Errorf("path %q: %q is not a polygon command (M, L, H, V, Z) or a number", truncate(d), c)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return rings, nil
}

// parseTenths reads one decimal number at the start of s, rounded half
// away from zero to tenths, and how many bytes it took.
func parseTenths(s string) (int64, int, error) {
	i, neg := 0, false
	if s[0] == '-' || s[0] == '+' {
		neg, i = s[0] == '-', 1
	}
	var whole int64
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if digits++; digits > 9 {
			return 0, 0, fmt.Errorf("number %q is too large for a map coordinate", s[:i+1])
		}
		whole = whole*10 + int64(s[i]-'0')
	}
	v := whole * 10
	if i < len(s) && s[i] == '.' {
		i++
		for j := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i, j = i+1, j+1 {
			digits++
			switch {
			case j == 0:
				v += int64(s[i] - '0')
			case j == 1 && s[i] >= '5':
				v++
			}
		}
	}
	if digits == 0 {
		return 0, 0, fmt.Errorf("%q is not a number", s[:max(i, 1)])
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		return 0, 0, fmt.Errorf("number %q has an exponent; write coordinates as plain decimals", s[:i+1])
	}
	if neg {
		v = -v
	}
	return v, i, nil
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

func truncate(d string) string {
	if len(d) > 40 {
		return d[:40] + "…"
	}
	return d
}
