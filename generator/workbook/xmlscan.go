package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// xmlScanner reads a worksheet's XML a token at a time. It is strict where
// a damaged or foreign sheet would otherwise read as something else:
// malformed tags, unknown entities, a DOCTYPE, an encoding other than
// UTF-8, the part ending early (end tags are matched by sheetReader). It
// exists because encoding/xml's general decoder was most of a build's
// reading time: a national workbook's sheet is 60 MB of XML, and every
// byte of it goes through here.
//
// A token's name, attributes and text point into the scanner's buffer and
// are good until the next call to next.
type xmlScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int  // unread data is buf[pos:end]
	eof      bool // r has no more
	lines    int  // newlines in the data already dropped from buf

	kind        tokenKind
	name        []byte // a tag's qualified name
	attrs       []xmlAttr
	selfClosing bool
	text        []byte // character data, entities decoded
	scratch     []byte // text and attribute values decoded into
}

type tokenKind int

const (
	startTag tokenKind = iota + 1
	endTag
	charData
)

type xmlAttr struct{ name, value []byte }

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 64<<10)}
}

// syntaxError says where, as encoding/xml does.
func (s *xmlScanner) syntaxError(at int, msg string) error {
	return fmt.Errorf("XML syntax error on line %d: %s", s.lines+bytes.Count(s.buf[:at], []byte{'\n'})+1, msg)
}

// more reads more data into the buffer, keeping buf[s.pos:]; false when
// there is no more.
func (s *xmlScanner) more() (bool, error) {
	if s.eof {
		return false, nil
	}
	if s.pos > 0 {
		s.lines += bytes.Count(s.buf[:s.pos], []byte{'\n'})
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	if errors.Is(err, io.EOF) {
		s.eof = true
	} else if err != nil {
		return false, err
	}
	return n > 0 || !s.eof, nil
}

// find returns the offset in buf of the first sep at or after buf[from],
// reading more as needed; from is relative to s.pos, which may move.
func (s *xmlScanner) find(from int, sep []byte) (int, error) {
	for {
		if i := bytes.Index(s.buf[s.pos+from:s.end], sep); i >= 0 {
			return s.pos + from + i, nil
		}
		from = max(0, s.end-s.pos-len(sep)+1)
		if ok, err := s.more(); !ok || err != nil {
			return -1, err
		}
	}
}

// next reads the next token: a start tag, an end tag or character data.
// Comments and processing instructions are skipped. It returns io.EOF at
// the end of the data.
func (s *xmlScanner) next() error {
	for {
		if s.pos == s.end {
			if ok, err := s.more(); err != nil {
				return err
			} else if !ok {
				return io.EOF
			}
		}
		if s.buf[s.pos] != '<' {
			return s.charData()
		}
		for s.end-s.pos < 9 { // enough to tell <!-- from <![CDATA[
			if ok, err := s.more(); err != nil {
				return err
			} else if !ok {
				break
			}
		}
		rest := s.buf[s.pos:s.end]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			if err := s.instruction(); err != nil {
				return err
			}
		case bytes.HasPrefix(rest, []byte("<!--")):
			end, err := s.find(4, []byte("-->"))
			if err != nil || end < 0 {
				return s.unexpectedEnd(err, "a comment")
			}
			s.pos = end + 3
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end, err := s.find(9, []byte("]]>"))
			if err != nil || end < 0 {
				return s.unexpectedEnd(err, "a CDATA section")
			}
			s.kind = charData
			s.text, _ = s.decode(s.buf[s.pos+9:end], s.pos, s.scratch[:0], false)
			s.pos = end + 3
			return s.checkText(s.text)
		case bytes.HasPrefix(rest, []byte("<!")):
			return s.syntaxError(s.pos, "a DOCTYPE or other declaration, which a worksheet never has")
		default:
			return s.tag()
		}
	}
}

func (s *xmlScanner) unexpectedEnd(err error, inside string) error {
	if err != nil {
		return err
	}
	return s.syntaxError(s.end, "unexpected end of the XML inside "+inside)
}

// instruction skips a processing instruction, refusing an XML declaration
// that names an encoding other than UTF-8.
func (s *xmlScanner) instruction() error {
	end, err := s.find(2, []byte("?>"))
	if err != nil || end < 0 {
		return s.unexpectedEnd(err, "a processing instruction")
	}
	pi := s.buf[s.pos+2 : end]
	if bytes.HasPrefix(pi, []byte("xml ")) {
		if i := bytes.Index(pi, []byte("encoding=")); i >= 0 && len(pi) > i+10 {
			enc := pi[i+10:]
			if q := bytes.IndexByte(enc, pi[i+9]); q >= 0 {
				enc = enc[:q]
			}
			if !bytes.EqualFold(enc, []byte("utf-8")) && !bytes.EqualFold(enc, []byte("utf8")) {
				return s.syntaxError(s.pos, fmt.Sprintf("the XML is in encoding %q, not UTF-8", enc))
			}
		}
	}
	s.pos = end + 2
	return nil
}

// charData reads the text up to the next tag.
func (s *xmlScanner) charData() error {
	end, err := s.find(0, []byte{'<'})
	if err != nil {
		return err
	}
	if end < 0 {
		end = s.end // text after the last tag; the sheet reader refuses it unclosed
	}
	raw := s.buf[s.pos:end]
	at := s.pos
	s.pos = end
	s.kind = charData
	s.text, err = s.decode(raw, at, s.scratch[:0], true)
	if err != nil {
		return err
	}
	return s.checkText(s.text)
}

// checkText refuses text that is not UTF-8.
func (s *xmlScanner) checkText(text []byte) error {
	if !utf8.Valid(text) {
		return s.syntaxError(s.pos, "invalid UTF-8")
	}
	return nil
}

// decode replaces line ends in raw with \n, as XML requires, and, when
// entities (outside a CDATA section), entity and character references. It
// returns raw when nothing changes, else dst with the result, which
// becomes the scratch space: raw points into the read buffer, so scratch
// must never.
func (s *xmlScanner) decode(raw []byte, at int, dst []byte, entities bool) ([]byte, error) {
	if (!entities || bytes.IndexByte(raw, '&') < 0) && bytes.IndexByte(raw, '\r') < 0 {
		return raw, nil
	}
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '\r':
			dst = append(dst, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case c == '&' && entities:
			semi := bytes.IndexByte(raw[i:], ';')
			if semi < 0 {
				return nil, s.syntaxError(at+i, "invalid character entity &"+string(raw[i+1:min(len(raw), i+8)]))
			}
			r, ok := entity(raw[i+1 : i+semi])
			if !ok {
				return nil, s.syntaxError(at+i, "invalid character entity "+string(raw[i:i+semi+1]))
			}
			dst = utf8.AppendRune(dst, r)
			i += semi
		default:
			dst = append(dst, c)
		}
	}
	s.scratch = dst
	return dst, nil
}

// entity is the character a reference names: lt, gt, amp, apos, quot, or
// a number (&#163; or &#xA3;).
func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	digits, base := name[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, false
	}
	var r rune
	for _, c := range digits {
		d := rune(-1)
		switch {
		case '0' <= c && c <= '9':
			d = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = rune(c-'A') + 10
		}
		if d < 0 {
			return 0, false
		}
		if r = r*base + d; r > utf8.MaxRune {
			return 0, false
		}
	}
	legal := r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
	return r, legal
}

// tag reads a start or end tag. Its closing > is found first, outside
// quoted attribute values, so the tag is whole in the buffer.
func (s *xmlScanner) tag() error {
	gt, err := s.tagEnd()
	if err != nil {
		return err
	}
	t := s.buf[s.pos+1 : gt]
	at := s.pos
	s.pos = gt + 1
	if len(t) > 0 && t[0] == '/' {
		s.kind, s.name = endTag, bytes.TrimRight(t[1:], " \t\r\n")
		if !isName(s.name) {
			return s.syntaxError(at, "invalid end tag name")
		}
		return nil
	}
	s.kind, s.selfClosing, s.attrs = startTag, false, s.attrs[:0]
	if len(t) > 0 && t[len(t)-1] == '/' {
		s.selfClosing, t = true, t[:len(t)-1]
	}
	n := nameLength(t)
	if n == 0 {
		return s.syntaxError(at, "expected element name after <")
	}
	s.name, t = t[:n], t[n:]
	for {
		trimmed := bytes.TrimLeft(t, " \t\r\n")
		if len(trimmed) == 0 {
			return nil
		}
		if len(trimmed) == len(t) {
			return s.syntaxError(at, "expected space before attribute in element")
		}
		t = trimmed
		n := nameLength(t)
		if n == 0 {
			return s.syntaxError(at, "expected attribute name in element")
		}
		name := t[:n]
		t = bytes.TrimLeft(t[n:], " \t\r\n")
		if len(t) == 0 || t[0] != '=' {
			return s.syntaxError(at, "attribute name without = in element")
		}
		t = bytes.TrimLeft(t[1:], " \t\r\n")
		if len(t) == 0 || (t[0] != '"' && t[0] != '\'') {
			return s.syntaxError(at, "unquoted or missing attribute value in element")
		}
		q := bytes.IndexByte(t[1:], t[0])
		raw := t[1 : 1+q]
		if bytes.IndexByte(raw, '<') >= 0 {
			return s.syntaxError(at, "unescaped < inside quoted string")
		}
		value, err := s.decode(raw, at, nil, true)
		if err != nil {
			return err
		}
		s.attrs = append(s.attrs, xmlAttr{name, value})
		t = t[2+q:]
	}
}

// tagEnd finds the > that closes the tag at s.pos.
func (s *xmlScanner) tagEnd() (int, error) {
	var quote byte
	for i := 1; ; i++ {
		for s.pos+i >= s.end {
			if ok, err := s.more(); err != nil {
				return -1, err
			} else if !ok {
				return -1, s.syntaxError(s.end, "unexpected end of the XML inside a tag")
			}
		}
		switch c := s.buf[s.pos+i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return s.pos + i, nil
		case c == '<':
			return -1, s.syntaxError(s.pos+i, "expected attribute name in element")
		}
	}
}

// nameLength is the length of the XML name t starts with (0 for none).
func nameLength(t []byte) int {
	n := 0
	for n < len(t) {
		c := t[n]
		letter := c == '_' || c == ':' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
		if !letter && (n == 0 || !(c == '-' || c == '.' || '0' <= c && c <= '9')) {
			break
		}
		n++
	}
	return n
}

func isName(t []byte) bool { return len(t) > 0 && nameLength(t) == len(t) }

// local is a qualified name without its prefix: "c" for "x:c" (and, as
// encoding/xml has it, "c:" for "c:").
func local[T ~string | ~[]byte](name T) T {
	for i := 0; i < len(name); i++ {
		if name[i] == ':' {
			if i > 0 && i < len(name)-1 {
				return name[i+1:]
			}
			break
		}
	}
	return name
}

// attr is the value of the start tag's attribute with local name name.
func (s *xmlScanner) attr(name string) []byte {
	for _, a := range s.attrs {
		if string(local(a.name)) == name {
			return a.value
		}
	}
	return nil
}

// openElements are a document's open elements, innermost last: how both
// readers of workbook XML hold its nesting to maxDepth and each end tag
// to its start.
type openElements []string

// open notes name as the innermost open element.
func (e *openElements) open(name string) error {
	if len(*e) >= maxDepth {
		return errTooDeep
	}
	*e = append(*e, name)
	return nil
}

// close closes the innermost element, which must be name (a []byte, as
// the scanner has it: this runs for every end tag of a sheet).
func (e *openElements) close(name []byte) error {
	n := len(*e)
	if n == 0 || (*e)[n-1] != string(name) {
		return fmt.Errorf("</%s> closes no open element", name)
	}
	*e = (*e)[:n-1]
	return nil
}

// ended is the error of a document that ends with elements still open.
func (e openElements) ended() error {
	if len(e) > 0 {
		return fmt.Errorf("the XML ends inside <%s>", e[len(e)-1])
	}
	return nil
}
