package workbook

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// events is a document as a list of start tags (local name and attributes
// sorted), end tags and text (adjacent pieces joined), for comparing
// xmlScanner with encoding/xml.
func scannerEvents(doc string) ([]string, error) {
	return scannerEventsFrom(strings.NewReader(doc))
}

func scannerEventsFrom(r io.Reader) ([]string, error) {
	x := newXMLScanner(r)
	var ev []string
	for {
		err := x.next()
		if errors.Is(err, io.EOF) {
			return ev, nil
		}
		if err != nil {
			return nil, err
		}
		switch x.kind {
		case startTag:
			var attrs []string
			for _, a := range x.attrs {
				attrs = append(attrs, string(local(a.name))+"="+string(a.value))
			}
			ev = addEvent(ev, "<"+string(local(x.name))+" "+strings.Join(sorted(attrs), " "))
			if x.selfClosing {
				ev = addEvent(ev, "/"+string(local(x.name)))
			}
		case endTag:
			ev = addEvent(ev, "/"+string(local(x.name)))
		case charData:
			ev = addEvent(ev, "T"+string(x.text))
		}
	}
}

func referenceEvents(doc string) ([]string, error) {
	d := xml.NewDecoder(strings.NewReader(doc))
	var ev []string
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return ev, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var attrs []string
			for _, a := range t.Attr {
				attrs = append(attrs, a.Name.Local+"="+a.Value)
			}
			ev = addEvent(ev, "<"+t.Name.Local+" "+strings.Join(sorted(attrs), " "))
		case xml.EndElement:
			ev = addEvent(ev, "/"+t.Name.Local)
		case xml.CharData:
			ev = addEvent(ev, "T"+string(t))
		case xml.Directive:
			return nil, errors.New("directive") // xmlScanner refuses these on purpose
		}
	}
}

func addEvent(ev []string, e string) []string {
	if e == "T" {
		return ev
	}
	if n := len(ev); n > 0 && e[0] == 'T' && ev[n-1][0] == 'T' {
		ev[n-1] += e[1:]
		return ev
	}
	return append(ev, e)
}

func sorted(s []string) []string { slices.Sort(s); return s }

// FuzzXMLScanner: on any document encoding/xml reads, xmlScanner reads the
// same tags and text, whether the data comes whole or a byte at a time; on
// any input at all, it returns or errs, never panics or runs away.
func FuzzXMLScanner(f *testing.F) {
	for _, doc := range []string{
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns:x="urn:x"><sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
		`<x:c r='B2' t="inlineStr"><x:is><x:t xml:space="preserve"> a &amp; b &#163;&#xA3; </x:t></x:is></x:c>`,
		"<a>line\r\nend\rx<![CDATA[<b>\r\n]]><!-- note --></a>",
		`<a b="1"/><c d = 'x"y' />`,
		`<row r="6" <c/>`,
		`<!DOCTYPE x><x/>`,
		`<?xml version="1.0" encoding="UTF-16"?><x/>`,
	} {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		got, err := scannerEvents(doc)
		want, refErr := referenceEvents(doc)
		if err != nil || refErr != nil {
			return // both strict, in different words; differences in what each refuses are by design
		}
		if !slices.Equal(got, want) {
			t.Fatalf("xmlScanner read\n%q\nencoding/xml read\n%q", got, want)
		}
		// A byte at a time, the buffer is refilled at every token.
		if got, err := scannerEventsFrom(iotest.OneByteReader(strings.NewReader(doc))); err != nil || !slices.Equal(got, want) {
			t.Fatalf("a byte at a time, xmlScanner read\n%q (%v)\nencoding/xml read\n%q", got, err, want)
		}
	})
}

// TestXMLScannerAcrossRefills: a document longer than the scanner's buffer,
// or arriving a byte at a time, reads as encoding/xml reads it, whatever
// the tokens before (a CDATA section's text once pointed into the buffer
// and later text was decoded over unread data).
func TestXMLScannerAcrossRefills(t *testing.T) {
	var long strings.Builder
	long.WriteString("<a><![CDATA[x]]>")
	for i := range 3000 {
		fmt.Fprintf(&long, `<b n="%d">text &lt;%d&gt; and\r\nmore</b>`, i, i)
	}
	long.WriteString("</a>")
	doc := long.String()
	want, err := referenceEvents(doc)
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]io.Reader{"whole": strings.NewReader(doc), "a byte at a time": iotest.OneByteReader(strings.NewReader(doc))} {
		got, err := scannerEventsFrom(r)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if i := slices.IndexFunc(got, func(e string) bool { return !slices.Contains(want, e) }); i >= 0 || len(got) != len(want) {
			t.Errorf("%s: read %d events, want %d; first unexpected: %q", name, len(got), len(want), got[max(i, 0)])
		}
	}
}

func TestXMLScannerRefuses(t *testing.T) {
	tests := []struct{ doc, want string }{
		{`<a b="1" <c/>`, "XML syntax error on line 1: expected attribute name in element"},
		{"<a>\n<b c=1/>", "XML syntax error on line 2: unquoted or missing attribute value in element"},
		{`<a>&nbsp;</a>`, "XML syntax error on line 1: invalid character entity &nbsp;"},
		{`<a>&#0;</a>`, "XML syntax error on line 1: invalid character entity &#0;"},
		{`<!DOCTYPE a [<!ENTITY x "y">]><a/>`, "XML syntax error on line 1: a DOCTYPE or other declaration, which a worksheet never has"},
		{`<?xml version="1.0" encoding="windows-1252"?><a/>`, `XML syntax error on line 1: the XML is in encoding "windows-1252", not UTF-8`},
		{"<a>\xff</a>", "XML syntax error on line 1: invalid UTF-8"},
		{`<a b="1"`, "XML syntax error on line 1: unexpected end of the XML inside a tag"},
		{`<a><!-- unclosed`, "XML syntax error on line 1: unexpected end of the XML inside a comment"},
	}
	for _, tt := range tests {
		_, err := scannerEvents(tt.doc)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: error %v\nwant  %s", tt.doc, err, tt.want)
		}
	}
}
