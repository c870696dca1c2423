package model

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"fundsite/generator/diag"
)

// MaxSlugBytes is the longest web address segment a name may make: folder
// and file names are built from it (a chart's file name from a fund's, a
// region's and an area's together), and file systems stop at 255 bytes.
// England's longest body name, "NHS Bath and North East Somerset, Swindon
// and Wiltshire Integrated Care Board", makes 76.
const MaxSlugBytes = 100

// codePattern is what an area code may be: letters, digits and . _ -
// inside, as ONS codes (E54000026), ODS codes (QHG) and org-ids
// (GB-CHC-1234567) are. A code becomes a web address that redirects to
// its area, written into Netlify's _redirects, so nothing else is let in.
var codePattern = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$`)

// ValidCode reports whether code can be an area code.
func ValidCode(code string) bool { return codePattern.MatchString(code) }

// ValidSlug reports whether slug is an address Slugify makes, as a slug
// read back from a file must be. Addresses published before MaxSlugBytes
// may be longer, up to the 255 bytes of a file name.
func ValidSlug(slug string) bool {
	return slug != "" && len(slug) <= 255 && Slugify(slug) == slug
}

// CheckNames holds the names and codes in d to what readers and web
// addresses need, reporting every problem: an area code with characters a
// code cannot have; a name holding invisible characters or letters of two
// scripts in one word (so that it looks like another name but is not);
// and two funds that share a short name, which {{ sum fund="…" }} could
// not tell apart.
func CheckNames(d *Dataset, problems *diag.List) {
	var unaddressable []*Area
	for _, a := range d.Areas {
		checkName(problems, a.Loc, "area name", a.Name)
		switch {
		case strings.ContainsFunc(a.Code, unicode.IsControl):
			// A line break in a code cell is a broken cell, or an attempt
			// to write a line of its own into _redirects.
			problems.Errorf(a.Loc, "area code %q of %q holds a line break or another control character; check the cell", a.Code, a.Name)
		case a.Code != "" && !ValidCode(a.Code):
			unaddressable = append(unaddressable, a)
		}
	}
	// Codes as published may hold what a web address cannot (360Giving's
	// "360G-ALWF-ORG:Royal_Birmingham_Conservatoire"): the code still
	// matches and is in every download, but makes no address of its own.
	if n := len(unaddressable); n > 0 {
		a := unaddressable[0]
		others := ""
		if n > 1 {
			others = fmt.Sprintf(" and %d more", n-1)
		}
		problems.Warnf(a.Loc, "area code %q of %q%s hold characters other than letters, digits and . _ -, so /areas/<code>/ does not lead to their pages; each is still found by name and listed with its code", a.Code, a.Name, others)
	}
	regions := map[string]bool{}
	for _, a := range d.Areas {
		if a.Region != "" && !regions[a.Region] {
			regions[a.Region] = true
			checkName(problems, a.Loc, "region", a.Region)
		}
	}
	owner := map[string]*Fund{}
	for _, f := range d.Funds {
		checkName(problems, f.Loc, "fund name", f.Name)
		if f.Short != "" {
			checkName(problems, f.Loc, "fund short name", f.Short)
		}
		for _, name := range []string{f.Name, f.Short} {
			key := Slugify(name)
			if key == "" {
				continue
			}
			if other, ok := owner[key]; ok && other != f {
				advice := "give each fund its own short name"
				if d := FormDifference(name, other.Name); d != "" {
					advice = d
				} else if d := FormDifference(name, other.Short); d != "" {
					advice = d
				}
				problems.Errorf(f.Loc, "fund %q and fund %q (at %s) both answer to %q, so a live figure naming it could mean either and their figures would share anchors; %s",
					f.Name, other.Name, other.Loc.Cell(), name, advice)
				continue
			}
			owner[key] = f
		}
	}
}

// checkName reports a name that cannot be told from another by eye. A
// name too long for an address is not a problem: PageSlug cuts it.
func checkName(problems *diag.List, at diag.Loc, what, name string) {
	if i, r, ok := invisibleIn(name); ok {
		problems.Errorf(at, "%s %q holds an invisible character (%s) after %q, so it looks like %q but is a different name; delete the character",
			what, name, runeName(r), name[:i], withoutInvisible(name))
	}
	if word, r, script, ok := mixedScript(name); ok {
		problems.Errorf(at, "%s %q mixes Latin and %s letters in %q (%q is %s), so it looks like %q but is a different name; retype it",
			what, name, script, word, string(r), script, lookAlike(name))
	}
}

// invisibleIn finds a character that shows as nothing: zero-width spaces
// and joiners, direction marks, soft hyphens, variation selectors, a byte
// order mark, control characters. A joiner between two letters of a script
// that needs it (Arabic, the Indic scripts) is left alone.
func invisibleIn(name string) (int, rune, bool) {
	prev := rune(0)
	for i, r := range name {
		invisible := unicode.Is(unicode.Cf, r) || unicode.IsControl(r) ||
			unicode.Is(unicode.Variation_Selector, r) || r == '\u115F' || r == '\u1160' || r == '\u3164' || r == '\uFFA0' || r == '\u034F'
		if invisible && (r == '\u200C' || r == '\u200D') {
			next, _ := utf8.DecodeRuneInString(name[i+utf8.RuneLen(r):])
			invisible = !(unicode.IsLetter(prev) && !unicode.Is(unicode.Latin, prev) && unicode.IsLetter(next) && !unicode.Is(unicode.Latin, next))
		}
		if invisible {
			return i, r, true
		}
		prev = r
	}
	return 0, 0, false
}

func withoutInvisible(name string) string {
	var b strings.Builder
	for len(name) > 0 {
		i, r, ok := invisibleIn(name)
		if !ok {
			break
		}
		b.WriteString(name[:i])
		name = name[i+utf8.RuneLen(r):]
	}
	b.WriteString(name)
	return b.String()
}

// mixedScript finds a word with Latin letters and Cyrillic or Greek ones,
// which look alike ("Bеta" with a Cyrillic е). A word all in one script is
// a name in that script, and fine.
func mixedScript(name string) (word string, r rune, script string, ok bool) {
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) {
		latin := false
		var other rune
		otherScript := ""
		for _, r := range w {
			switch {
			case unicode.Is(unicode.Latin, r):
				latin = true
			case otherScript == "" && unicode.Is(unicode.Cyrillic, r):
				other, otherScript = r, "Cyrillic"
			case otherScript == "" && unicode.Is(unicode.Greek, r):
				other, otherScript = r, "Greek"
			}
		}
		if latin && otherScript != "" {
			return w, other, otherScript, true
		}
	}
	return "", 0, "", false
}

// lookAlikes are Cyrillic and Greek letters drawn like Latin ones.
var lookAlikes = map[rune]rune{
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h',
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T', 'Х': 'X', 'І': 'I', 'Ј': 'J', 'Ѕ': 'S',
	'ο': 'o', 'ν': 'v', 'α': 'a', 'ι': 'i', 'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
}

// lookAlike is the name as it reads: look-alike letters made Latin.
func lookAlike(name string) string {
	return strings.Map(func(r rune) rune {
		if l, ok := lookAlikes[r]; ok {
			return l
		}
		return r
	}, name)
}

// invisibleNames are the invisible characters met most, by name.
var invisibleNames = map[rune]string{
	'\u00AD': "SOFT HYPHEN", '\u200B': "ZERO WIDTH SPACE", '\u200C': "ZERO WIDTH NON-JOINER", '\u200D': "ZERO WIDTH JOINER",
	'\u200E': "LEFT-TO-RIGHT MARK", '\u200F': "RIGHT-TO-LEFT MARK", '\u2060': "WORD JOINER", '\uFEFF': "BYTE ORDER MARK",
	'\u202A': "LEFT-TO-RIGHT EMBEDDING", '\u202B': "RIGHT-TO-LEFT EMBEDDING", '\u202C': "POP DIRECTIONAL FORMATTING",
	'\u202D': "LEFT-TO-RIGHT OVERRIDE", '\u202E': "RIGHT-TO-LEFT OVERRIDE", '\t': "TAB", '\n': "LINE FEED", '\r': "CARRIAGE RETURN",
}

func runeName(r rune) string {
	if name, ok := invisibleNames[r]; ok {
		return fmt.Sprintf("U+%04X %s", r, name)
	}
	return fmt.Sprintf("U+%04X", r)
}
