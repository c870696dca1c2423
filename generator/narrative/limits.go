package narrative

import "bytes"

// MaxNesting is how deep quotes and lists may nest in a page. goldmark
// has no limit of its own and slows with the square of the depth: 200 KB
// of ">" took 56 s. No page a person writes comes near it. A variable so
// that tests can lower it.
var MaxNesting = 32

// MaxShortcodes is the most live figures and charts one page may hold:
// each is worked out, given a note and rendered, and 300,000 on one page
// took minutes and wrote a 92 MB page. A table of a figure for each of a
// few hundred councils fits.
var MaxShortcodes = 2000

// tooDeep finds the first line of markdown whose quotes and lists nest
// more than MaxNesting deep, in one pass over the text: its 0-based line
// number, or -1. Only a line that opens a quote or a list item can take
// the nesting deeper, and it nests at most as deep as the markers it
// starts with and, for the containers it continues, its indentation
// (each level indents at least two columns) allow; a thematic break
// ("- - -") is not a list.
func tooDeep(body []byte) int {
	for n := 0; len(body) > 0; n++ {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		if lineDepth(line) > MaxNesting {
			return n
		}
	}
	return -1
}

// lineDepth is how deep a line's opening markers can nest it: the quote
// and list markers it starts with, and half its indentation before them.
func lineDepth(line []byte) int {
	indent, i := 0, 0
	for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		if line[i] == '\t' {
			indent += 4 - indent%4
		} else {
			indent++
		}
	}
	markers, breakFrom := 0, thematicBreakFrom(line)
	for i < len(line) && markers <= MaxNesting {
		switch w := markerWidth(line[i:]); {
		case w == 0, i >= breakFrom && line[i] != '>':
			return stopAt(markers, indent)
		default:
			markers++
			i += w
		}
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	return stopAt(markers, indent)
}

func stopAt(markers, indent int) int {
	if markers == 0 {
		return 0 // a line that opens nothing nests no deeper
	}
	return markers + indent/2
}

// markerWidth is the length of the quote or list marker s starts with, or
// 0: ">", "-", "*" or "+" then a space (or the line's end), or up to nine
// digits then "." or ")" and a space.
func markerWidth(s []byte) int {
	switch {
	case s[0] == '>':
		return 1
	case s[0] == '-' || s[0] == '*' || s[0] == '+':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			return 1
		}
		return 0
	}
	d := 0
	for d < len(s) && d < 9 && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d == 0 || d >= len(s) || s[d] != '.' && s[d] != ')' {
		return 0
	}
	if d+1 == len(s) || s[d+1] == ' ' || s[d+1] == '\t' {
		return d + 1
	}
	return 0
}

// thematicBreakFrom is where the line's trailing thematic break starts
// (three or more of one of "-", "*" or "_", with spaces between), or
// len(line) when it ends in none.
func thematicBreakFrom(line []byte) int {
	end := len(line)
	for end > 0 && (line[end-1] == ' ' || line[end-1] == '\t') {
		end--
	}
	if end == 0 {
		return len(line)
	}
	c := line[end-1]
	if c != '-' && c != '*' && c != '_' {
		return len(line)
	}
	start, count := len(line), 0
	for i := end - 1; i >= 0 && (line[i] == c || line[i] == ' ' || line[i] == '\t'); i-- {
		if line[i] == c {
			count++
			start = i
		}
	}
	if count < 3 {
		return len(line)
	}
	return start
}
