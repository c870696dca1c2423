package model

import (
	"crypto/sha256"
	"encoding/hex"
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

// PageSlug is the address of a name's page: its slug, cut at the last word
// boundary within MaxSlugBytes, so that a body published under its full
// legal name ("The Parochial Church Council of the Ecclesiastical Parish
// of …", up to 150 characters) still gets a page without anyone editing
// the workbook. The page and every download keep the full name. Matching
// names uses Slugify, never this: two long names that agree up to the cut
// are still two names.
func PageSlug(name string) string { return cutSlug(Slugify(name), MaxSlugBytes) }

// DistinctPageSlug is PageSlug for a cut name whose cut address another
// name has too: a suffix taken from the whole name tells them apart, the
// same on every build and every machine, whichever of the two was read
// first.
func DistinctPageSlug(name string) string {
	sum := sha256.Sum256([]byte(Slugify(name)))
	return PageSlugWith(name, hex.EncodeToString(sum[:3]))
}

// PageSlugWith is the address of a name's page told apart from others of
// the same name by a qualifier, such as the recipient's identifier: the
// name is cut to leave room for it, so the qualifier is never lost.
func PageSlugWith(name, qualifier string) string {
	q := cutSlug(Slugify(qualifier), MaxSlugBytes/2)
	if q == "" {
		return PageSlug(name)
	}
	if Slugify(name) == "" {
		return q
	}
	return cutSlug(Slugify(name), MaxSlugBytes-len(q)-1) + "-" + q
}

// PageSlugIsCut reports whether a name's page address is shorter than its
// slug, so that another long name may share it.
func PageSlugIsCut(name string) bool { return len(Slugify(name)) > MaxSlugBytes }

// cutSlug shortens slug to at most max bytes, at the last hyphen that
// fits, or, in a single word that long, at the last whole letter.
func cutSlug(slug string, max int) string {
	if len(slug) <= max {
		return slug
	}
	if i := strings.LastIndexByte(slug[:max+1], '-'); i > 0 {
		return slug[:i]
	}
	i := max
	for i > 0 && !utf8.RuneStart(slug[i]) {
		i--
	}
	return slug[:i]
}
