package csvout

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	header := []string{"Area", "Amount"}
	rows := [][]string{
		{"Mid and South Essex", "530000.00"},
		{`Kent, "and" Medway`, "-1250.50"},
		{"=HYPERLINK(\"http://x\")", "+1"},
		{"@SUM(A1)", "-2+3"},
		{"\tTab", "£1,250"},
	}
	got := Bytes(header, slices.Values(rows))
	if !bytes.HasPrefix(got, []byte("\uFEFF")) {
		t.Fatal("no UTF-8 byte order mark: Excel would show £ as Â£")
	}
	if !bytes.Contains(got, []byte("\r\n")) {
		t.Error("RFC 4180 wants CRLF line ends")
	}
	read, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(got), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Area", "Amount"},
		{"Mid and South Essex", "530000.00"},
		{`Kent, "and" Medway`, "-1250.50"},
		{"'=HYPERLINK(\"http://x\")", "'+1"},
		{"'@SUM(A1)", "'-2+3"},
		{"'\tTab", "£1,250"},
	}
	if !reflect.DeepEqual(read, want) {
		t.Errorf("read back\n%q\nwant\n%q", read, want)
	}
}
