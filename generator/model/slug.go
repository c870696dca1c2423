package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slugify makes a URL path segment from a name: "Shropshire, Telford and
// Wrekin" becomes "shropshire-telford-and-wrekin". Latin letters lose their
// accents ("Café" is "cafe", "Łódź" is "lodz"); letters of other scripts
// are kept, lower-cased ("Москва" is "москва", "東京" is "東京"), so no name
// with letters is left without an address. The result holds only letters,
// digits, their marks and single hyphens, so it cannot escape a folder, and
// the same name typed in composed or decomposed form gives the same slug.
func Slugify(name string) string {
	if isASCII(name) {
		return slugASCII(name)
	}
	var b strings.Builder
	pending := false // a hyphen is due before the next letter
	lastLatin := false
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r) && lastLatin:
			continue // an accent on a Latin letter
		case r == '\'' || r == '’' || r == 'ʼ':
			continue
		case r == '&':
			if b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteString("and")
			pending, lastLatin = true, false
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) && b.Len() > 0 && !pending:
		default:
			pending, lastLatin = true, false
			continue
		}
		lastLatin = unicode.Is(unicode.Latin, r)
		if pending && b.Len() > 0 {
			b.WriteByte('-')
		}
		pending = false
		if folded, ok := latinFolds[unicode.ToLower(r)]; ok {
			b.WriteString(folded)
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return norm.NFC.String(b.String())
}

// latinFolds spell the Latin letters that have no accent to drop.
var latinFolds = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'ł': "l", 'þ': "th", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŀ': "l",
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// slugASCII is Slugify for plain ASCII, the common case, without the
// Unicode tables.
func slugASCII(name string) string {
	b := make([]byte, 0, len(name)+8)
	pending := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '\'':
			continue
		case c == '&':
			if len(b) > 0 {
				b = append(b, '-')
			}
			b = append(b, "and"...)
			pending = true
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		default:
			pending = true
			continue
		}
		if pending && len(b) > 0 {
			b = append(b, '-')
		}
		pending = false
		b = append(b, c)
	}
	return string(b)
}
