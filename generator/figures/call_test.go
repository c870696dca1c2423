package figures

import (
	"reflect"
	"strings"
	"testing"

	"fundsite/generator/diag"
)

func TestParse(t *testing.T) {
	tests := []struct {
		text       string
		name       string
		positional []string
		named      []string // key=value
		columns    []int    // of positional then named args
	}{
		{`sum`, "sum", nil, nil, nil},
		{`  SUM  `, "sum", nil, nil, nil},
		{`sum fund="ARF"`, "sum", nil, []string{"fund=ARF"}, []int{16}},
		{`count areas fund="ARF" year="2023/24"`, "count", []string{"areas"}, []string{"fund=ARF", "year=2023/24"}, []int{18, 24, 35}},
		{`sum area="Mid and South Essex"`, "sum", nil, []string{"area=Mid and South Essex"}, []int{16}},
		{`sum Fund=ARF year=2023/24`, "sum", nil, []string{"fund=ARF", "year=2023/24"}, []int{16, 25}},
		{`sum fund=“ARF” area=”Kent”`, "sum", nil, []string{"fund=ARF", "area=Kent"}, []int{16, 27}},
		{`sum expect="£530,000"`, "sum", nil, []string{"expect=£530,000"}, []int{16}},
		{`sum area="The \"Quoted\" Area \\ here"`, "sum", nil, []string{`area=The "Quoted" Area \ here`}, []int{16}},
		{`sum area="back\slash"`, "sum", nil, []string{`area=back\slash`}, []int{16}},
		{`chart "by-year" fund="ARF"`, "chart", []string{"by-year"}, []string{"fund=ARF"}, []int{18, 28}},
		{"sum\tfund=\"ARF\"", "sum", nil, []string{"fund=ARF"}, []int{16}},
		{`figure arf_total`, "figure", []string{"arf_total"}, nil, []int{19}},
		{`per-head year=""`, "per-head", nil, []string{"year="}, []int{21}},
	}
	for _, tt := range tests {
		var problems diag.List
		c, ok := Parse(tt.text, at, &problems)
		if !ok {
			t.Errorf("Parse(%q): %s", tt.text, problems.Report(0))
			continue
		}
		var pos, named []string
		var cols []int
		for _, a := range c.Positional {
			pos = append(pos, a.Value)
			cols = append(cols, a.Loc.Column)
		}
		for _, a := range c.Named {
			named = append(named, a.Key+"="+a.Value)
			cols = append(cols, a.Loc.Column)
		}
		if c.Name != tt.name || !reflect.DeepEqual(pos, tt.positional) || !reflect.DeepEqual(named, tt.named) || !reflect.DeepEqual(cols, tt.columns) {
			t.Errorf("Parse(%q) = %s %q %q at columns %v; want %s %q %q at %v", tt.text, c.Name, pos, named, cols, tt.name, tt.positional, tt.named, tt.columns)
		}
		want := at
		want.Column += len(tt.text) - len(strings.TrimLeft(tt.text, " "))
		if c.Loc != want {
			t.Errorf("Parse(%q) is at %v, want %v", tt.text, c.Loc, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ text, want string }{
		{``, `content/page.md:7:12: empty {{ }}`},
		{`   `, `content/page.md:7:12: empty {{ }}`},
		{`"sum"`, `content/page.md:7:12: a figure starts with what to work out, such as sum or count, not "sum"`},
		{`2023 sum`, `content/page.md:7:12: a figure starts with what to work out`},
		{`sum fund="ARF`, `content/page.md:7:21: the quote opened here is not closed`},
		{`sum fund=`, `content/page.md:7:16: fund= has no value`},
		{`sum fund= "ARF"`, `content/page.md:7:16: fund= has no value; write fund="…" with no space after =`},
		{`sum fund = "ARF"`, `content/page.md:7:21: write settings without spaces around =`},
		{`sum ="ARF"`, `content/page.md:7:16: write settings without spaces around =`},
		{`=`, `content/page.md:7:12: = needs a setting name before it`},
		{`sum x=1=2`, `content/page.md:7:19: = needs a setting name before it`},
		{`sum fund="ARF"year="2023/24"`, `content/page.md:7:26: put a space after the closing quote`},
		{`sum fund=A"RF"`, `content/page.md:7:22: put a space before the quote`},
		{`sum fund="ARF" fund="BCF"`, `content/page.md:7:27: fund is given twice`},
		{`sum 2fund="ARF"`, `content/page.md:7:16: "2fund" is not a setting name`},
		{`sum £="ARF"`, `content/page.md:7:16: "£" is not a setting name`},
		{`sum area="Café" fund=A"`, `content/page.md:7:34: put a space before the quote`},
	}
	for _, tt := range tests {
		var problems diag.List
		if _, ok := Parse(tt.text, at, &problems); ok {
			t.Errorf("Parse(%q) succeeded", tt.text)
			continue
		}
		if got := problems.Report(0); !strings.Contains(got, tt.want) {
			t.Errorf("Parse(%q):\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}

func TestCallString(t *testing.T) {
	var problems diag.List
	c, ok := Parse(`count "areas" area="The \"Quoted\" \“Area\”" chart="a=b"`, at, &problems)
	if !ok {
		t.Fatal(problems.Report(0))
	}
	want := `count areas area="The \"Quoted\" \“Area\”" chart="a=b"`
	if got := c.String(); got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
}

// FuzzParseCall checks that no input crashes the parser, that every place
// it reports is inside the text, and that a parsed call written back with
// String parses to the same call.
func FuzzParseCall(f *testing.F) {
	for _, seed := range []string{
		`sum fund="ARF" year="2023/24"`,
		`count areas fund=“ARF”`,
		`sum area="a \"b\" \\ c"`,
		`chart "by-year" x=y`,
		`figure arf_total expect="£530,000"`,
		`sum fund="ARF`,
		`=`,
		"\xff\xfe",
		`sum a="\`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var problems diag.List
		c, ok := Parse(text, at, &problems)
		if !ok {
			if !problems.HasErrors() {
				t.Fatal("failed without saying why")
			}
			for _, d := range problems.Sorted() {
				if d.Loc.Line != at.Line || d.Loc.Column < at.Column || d.Loc.Column > at.Column+len(text) {
					t.Fatalf("error at %v is outside the text", d.Loc)
				}
			}
			return
		}
		again, ok := Parse(c.String(), at, &problems)
		if !ok {
			t.Fatalf("%q parsed, but its String %q does not: %s", text, c.String(), problems.Report(0))
		}
		if !sameCall(c, again) {
			t.Fatalf("%q parsed as %#v; String %q parsed as %#v", text, c, c.String(), again)
		}
	})
}

// sameCall compares calls, ignoring where their parts were written.
func sameCall(a, b Call) bool {
	strip := func(args []Arg) []Arg {
		out := make([]Arg, len(args))
		for i, x := range args {
			out[i] = Arg{Key: x.Key, Value: x.Value}
		}
		return out
	}
	return a.Name == b.Name && reflect.DeepEqual(strip(a.Positional), strip(b.Positional)) && reflect.DeepEqual(strip(a.Named), strip(b.Named))
}
