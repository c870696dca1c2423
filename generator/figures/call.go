// Package figures answers the questions a narrative asks of the data, such
// as {{ sum fund="ARF" year="2023/24" }}: it parses the call, picks the
// allocations it names, computes the figure in exact pence and prints it in
// house style, with a stable anchor and the cells it came from.
package figures

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"fundsite/generator/diag"
)

// Call is one {{ … }} in a narrative, or one named figure in site.toml:
// a name (the operation, such as sum), bare words after it (count areas),
// and settings (fund="ARF").
type Call struct {
	Name       string
	Positional []Arg
	Named      []Arg
	// Loc is where the name is written, for messages.
	Loc diag.Loc
}

// Arg is a word or a key="value" setting, with where it was written.
type Arg struct {
	Key   string // "" for a positional word
	Value string
	Loc   diag.Loc
}

// Get returns the setting key and whether it was given.
func (c Call) Get(key string) (Arg, bool) {
	for _, a := range c.Named {
		if a.Key == key {
			return a, true
		}
	}
	return Arg{}, false
}

// String writes the call back in the syntax Parse reads, settings quoted.
func (c Call) String() string {
	parts := []string{c.Name}
	for _, a := range c.Positional {
		if bareWord(a.Value) {
			parts = append(parts, a.Value)
		} else {
			parts = append(parts, quote(a.Value))
		}
	}
	for _, a := range c.Named {
		parts = append(parts, a.Key+"="+quote(a.Value))
	}
	return strings.Join(parts, " ")
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, `“`, `\“`, `”`, `\”`).Replace(s) + `"`
}

func bareWord(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || isQuote(r) || r == '=' || r == '\\' })
}

// isQuote accepts the curly quotes word processors type for ".
func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

// Parse reads the text between {{ and }}. at is where that text starts;
// each argument records its own column so messages can point at it.
func Parse(text string, at diag.Loc, problems *diag.List) (Call, bool) {
	p := &callParser{text: text, at: at}
	call, err := p.call()
	if err != nil {
		problems.Errorf(err.loc, "%s", err.msg)
		return Call{}, false
	}
	return call, true
}

type callParser struct {
	text string
	i    int // byte offset into text
	at   diag.Loc
}

type syntaxError struct {
	loc diag.Loc
	msg string
}

// locAt is the place of byte offset i, counting columns in characters.
func (p *callParser) locAt(i int) diag.Loc {
	l := p.at
	if l.Column > 0 {
		l.Column += utf8.RuneCountInString(p.text[:i])
	}
	return l
}

func (p *callParser) fail(i int, format string, args ...any) *syntaxError {
	return &syntaxError{loc: p.locAt(i), msg: fmt.Sprintf(format, args...)}
}

func (p *callParser) skipSpace() {
	for p.i < len(p.text) {
		r, size := utf8.DecodeRuneInString(p.text[p.i:])
		if !unicode.IsSpace(r) {
			return
		}
		p.i += size
	}
}

func (p *callParser) call() (Call, *syntaxError) {
	c := Call{Loc: p.at}
	p.skipSpace()
	if p.i == len(p.text) {
		return c, p.fail(0, `empty {{ }}: write a figure such as {{ sum fund="ARF" }}`)
	}
	start := p.i
	c.Loc = p.locAt(start)
	name, quoted, err := p.word()
	if err != nil {
		return c, err
	}
	if quoted || !isIdent(name) {
		return c, p.fail(start, "a figure starts with what to work out, such as sum or count, not %q", name)
	}
	c.Name = strings.ToLower(name)
	for {
		p.skipSpace()
		if p.i == len(p.text) {
			return c, nil
		}
		start := p.i
		w, quoted, err := p.word()
		if err != nil {
			return c, err
		}
		if quoted || p.i == len(p.text) || p.text[p.i] != '=' {
			c.Positional = append(c.Positional, Arg{Value: w, Loc: p.locAt(start)})
			continue
		}
		if !isIdent(w) {
			return c, p.fail(start, "%q is not a setting name; settings are written like fund=\"ARF\"", w)
		}
		key := strings.ToLower(w)
		p.i++ // '='
		if r, _ := utf8.DecodeRuneInString(p.text[p.i:]); p.i == len(p.text) || unicode.IsSpace(r) {
			return c, p.fail(start, `%s= has no value; write %s="…" with no space after =`, key, key)
		}
		value, _, err := p.word()
		if err != nil {
			return c, err
		}
		if _, dup := c.Get(key); dup {
			return c, p.fail(start, "%s is given twice", key)
		}
		c.Named = append(c.Named, Arg{Key: key, Value: value, Loc: p.locAt(start)})
	}
}

// word reads a bare word (up to a space, quote or =) or a quoted string.
func (p *callParser) word() (string, bool, *syntaxError) {
	start := p.i
	r, size := utf8.DecodeRuneInString(p.text[p.i:])
	if r == '=' {
		if before, _ := utf8.DecodeLastRuneInString(p.text[:start]); unicode.IsSpace(before) {
			return "", false, p.fail(start, `write settings without spaces around =, as in fund="ARF"`)
		}
		return "", false, p.fail(start, `= needs a setting name before it, as in fund="ARF"`)
	}
	if isQuote(r) {
		p.i += size
		var b strings.Builder
		for p.i < len(p.text) {
			r, size := utf8.DecodeRuneInString(p.text[p.i:])
			if isQuote(r) {
				p.i += size
				return b.String(), true, p.endOfWord()
			}
			if r == '\\' && p.i+1 < len(p.text) {
				// \" and \\ stand for themselves; any other \ is kept.
				if next, nsize := utf8.DecodeRuneInString(p.text[p.i+1:]); next == '\\' || isQuote(next) {
					p.i++
					size = nsize
				}
			}
			b.WriteString(p.text[p.i : p.i+size]) // bytes as written, even if not UTF-8
			p.i += size
		}
		return "", false, p.fail(start, "the quote opened here is not closed")
	}
	for p.i < len(p.text) {
		r, size := utf8.DecodeRuneInString(p.text[p.i:])
		if unicode.IsSpace(r) || r == '=' {
			break
		}
		if isQuote(r) || r == '\\' {
			return "", false, p.fail(p.i, "put a space before the quote, or quote the whole value")
		}
		p.i += size
	}
	return p.text[start:p.i], false, nil
}

// endOfWord insists on a space (or the end) after a closing quote, so
// fund="ARF"year="2023/24" is caught rather than guessed at.
func (p *callParser) endOfWord() *syntaxError {
	if p.i == len(p.text) {
		return nil
	}
	if r, _ := utf8.DecodeRuneInString(p.text[p.i:]); !unicode.IsSpace(r) {
		return p.fail(p.i, "put a space after the closing quote")
	}
	return nil
}

// isIdent is a name or setting: a letter, then letters, digits, _ or -.
func isIdent(s string) bool {
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '_' || r == '-')) {
			return false
		}
	}
	return s != ""
}
