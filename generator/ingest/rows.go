package ingest

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"fundsite/generator/diag"
	"fundsite/generator/model"
	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

// totalLabel matches a label cell that is a total on its own: "Total",
// "Grand total", "Totals", "Total:", "Total for Essex", "Sub-total".
// A name that only starts with "Total" ("Total Control Sound Ltd") is not.
var totalLabel = regexp.MustCompile(`(?i)^(?:(grand|overall)\s+)?totals?\s*:?$|^(sub[\s-]?totals?)\s*:?$|^(totals?\s+for\b.*)$`)

// totalRow reports whether a row is a total line, by its label cell (its
// first cell with text), and whether it totals only the rows since the
// last subtotal ("Total for Essex", "Sub-total").
func totalRow(r workbook.Row) (label string, sub, ok bool) {
	for _, c := range r.Cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if !mayBeTotal(c) { // most rows: no need for the pattern
			return "", false, false
		}
		c = strings.Join(strings.Fields(c), " ")
		m := totalLabel.FindStringSubmatch(c)
		if m == nil {
			return "", false, false
		}
		return c, m[2] != "" || m[3] != "", true
	}
	return "", false, false
}

// mayBeTotal reports whether a label starts the way every total label
// does: with "total", "grand", "overall" or "sub", in any case.
func mayBeTotal(label string) bool {
	switch unicode.ToLower(rune(label[0])) {
	case 't', 'g', 'o', 's':
		return true
	}
	return false
}

// runningTotals are what a total row is checked against: every row above
// it, or the rows since the last total line.
type runningTotals struct{ all, sinceLast money.Pence }

func (b *builder) addAllocations(s *sheet, rows []workbook.Row) {
	var sums runningTotals
	var unitsRow *workbook.Row
	if len(rows) > 0 && isSubHeader(s, rows[0]) {
		unitsRow, rows = &rows[0], rows[1:]
	}
	sc, ok := b.amountScale(s, unitsRow)
	if !ok {
		return
	}
	s.scale = sc
	for _, r := range rows {
		if label, sub, ok := totalRow(r); ok && s.src.ReadsTotals() {
			b.checkTotalRow(s, r, label, sub, &sums)
			continue
		}
		if a := b.allocation(s, r); a != nil {
			b.d.Allocations = append(b.d.Allocations, a)
			sums.all += a.Amount
			sums.sinceLast += a.Amount
		}
	}
}

// checkTotalRow never counts a total row, but holds it to the rows it
// totals. One that cannot be checked is reported, never dropped unseen.
func (b *builder) checkTotalRow(s *sheet, r workbook.Row, label string, sub bool, sums *runningTotals) {
	defer func() { sums.sinceLast = 0 }()
	text, loc := s.cols.cell(s.t, r, "amount")
	skipped := fmt.Sprintf("row %d is a total row (%q), so it is not counted", r.Num, label)
	off := "; if it is not a total, add total_rows = false to its [[source]] in " + b.cfg.File
	if _, formula := r.Formulas[loc.Col-1]; formula && loc.Col > 0 {
		b.problems.Warnf(loc, "%s; its amount is a formula with no saved result, so it cannot be checked%s", skipped, off)
		return
	}
	if why, typed := notANumber(r, loc); typed {
		b.problems.Errorf(loc, "%s, but its amount %s%s", skipped, why, off)
		return
	}
	if text == "" || s.isMissing(text) {
		b.problems.Warnf(loc, "%s; its amount is blank, so it cannot be checked%s", skipped, off)
		return
	}
	total, _, err := s.parseAmount(text)
	if err != nil {
		b.problems.Errorf(loc, "%s, but its amount %v%s", skipped, err, off)
		return
	}
	want := sums.all
	if sub {
		want = sums.sinceLast
	}
	if total != want && total != sums.sinceLast {
		b.problems.Errorf(loc, "the %s row says %s but the rows above it add up to %s (a difference of %s)%s",
			label, s.measure.Full(total), s.measure.Full(want), s.measure.Full(total-want), off)
	}
}

// value is a field's text: a constant for every row, or the row's cell.
func (s *sheet) value(r workbook.Row, name string) (string, diag.Loc) {
	if v, ok := s.constants[name]; ok {
		return v, s.t.Loc(r.Num, 0)
	}
	return s.cols.cell(s.t, r, name)
}

func (b *builder) allocation(s *sheet, r workbook.Row) *model.Allocation {
	get := func(name string) (string, diag.Loc) { return s.value(r, name) }
	if b.uncalculatedCells(s, r) {
		return nil
	}
	a := &model.Allocation{}
	ok := true
	amountText, amountLoc := get("amount")
	a.Loc = amountLoc
	missing := s.isMissing(amountText)
	notNumber, typed := notANumber(r, amountLoc)
	switch amount, rounded, err := s.parseAmount(amountText); {
	case typed:
		b.problems.Errorf(amountLoc, "amount %s", notNumber)
		ok = false
	case missing:
	case isSpreadsheetError(amountText):
		b.problems.Errorf(amountLoc, "amount is the spreadsheet error %s; fix the formula", amountText)
		ok = false
	case err != nil:
		b.problems.Errorf(amountLoc, "amount %v%s", err, b.subHeaderHint(s, r))
		ok = false
	case amount < 0:
		b.problems.Errorf(amountLoc, "amount %s is negative", s.measure.Full(amount))
		ok = false
	default:
		a.Amount, a.Rounded, a.Scale = amount, rounded, s.scale.label
	}
	yearField := "year"
	if _, set := s.constants["year"]; !set && !s.cols.has("year") && s.grants {
		yearField = "award_date"
	}
	yearText, yearLoc := get(yearField)
	if y, err := yearOf(yearText, s.t.Date1904); err != nil {
		b.problems.Errorf(yearLoc, "%v", err)
		ok = false
	} else {
		a.Year = y
	}
	statusText, statusLoc := get("status")
	if st, known := model.ParseStatus(statusText); known {
		a.Status = st
	} else {
		b.problems.Errorf(statusLoc, "status %q must be published, published lower bound or estimate", statusText)
		ok = false
	}
	a.Tranche, _ = get("tranche")
	a.Programme, _ = get("programme")
	a.Basis, _ = get("basis")
	a.Source, _ = get("source")
	a.Notes, _ = get("notes")
	if s.grants {
		a.Grant = b.grant(s, r, get)
	}
	a.Fund = b.resolveFund(s, get)
	if s.recipientUnit && !b.areasGiven {
		a.Area = b.recipients.resolve(b, s, get, a)
	} else {
		a.Area = b.resolveArea(get)
	}
	a.Places = s.places.of(r)
	if !ok || a.Fund == nil || a.Area == nil {
		return nil
	}
	if missing {
		b.d.Missing = append(b.d.Missing, a)
		return nil
	}
	if s.grants {
		if !b.checkGrantIdentity(s, r, a) {
			return nil
		}
		return a
	}
	key := fmt.Sprintf("%s|%s|%s|%s|%s", a.Fund.Slug, a.Area.Slug, a.Year, a.Tranche, a.Programme)
	if prev, dup := b.seen[key]; dup {
		b.problems.Errorf(a.Loc, "duplicate row: %s, %s, %s%s%s is already given at %s", a.Fund.Name, a.Area.Name, a.Year, trancheText(a.Tranche), programmeText(a.Programme), placeOf(prev, a.Loc))
		return nil
	}
	b.seen[key] = a.Loc
	return a
}

// grant reads what a grant list says about the award beyond the
// allocation's fields.
func (b *builder) grant(s *sheet, r workbook.Row, get func(string) (string, diag.Loc)) *model.Grant {
	g := &model.Grant{From360Giving: s.giving}
	g.Identifier, _ = get("identifier")
	g.Title, _ = get("title")
	g.Description, _ = get("description")
	g.RecipientName, _ = get("recipient")
	g.RecipientID, _ = get("recipient_id")
	g.FunderName, _ = get("funder")
	g.FunderID, _ = get("funder_id")
	date, _ := get("award_date")
	if date == "" && !s.cols.has("award_date") {
		date, _ = get("year") // a date in the year column is the award date
	}
	if d, ok := parseDate(date, s.t.Date1904); ok {
		g.AwardDate = d.Format("2006-01-02")
	}
	if s.giving {
		g.Cells, g.Locations = giving360Cells(s, r)
	}
	return g
}

// giving360Cells keeps every cell a 360Giving row fills, so the site's
// 360Giving download can pass on the whole row: a column of the standard
// under the standard's own title, with its dates as YYYY-MM-DD (files
// write them as Excel dates too), any other column under its own title.
// The beneficiary locations are read from them.
func giving360Cells(s *sheet, r workbook.Row) ([]model.Cell, []model.Location) {
	var cells []model.Cell
	var place model.Location
	for i, h := range s.header.Cells {
		if i >= len(r.Cells) {
			break
		}
		title, value := strings.TrimSpace(h), strings.TrimSpace(r.Cells[i])
		if title == "" || value == "" {
			continue
		}
		if f, ok := model.Giving360FieldOf(title); ok {
			title = f.Title
			if f.Type == model.Giving360Date || f.Type == model.Giving360DateTime {
				value = giving360Date(value, s.t.Date1904)
			}
			switch f.Path {
			case "beneficiaryLocation[].name":
				place.Name = value
			case "beneficiaryLocation[].geoCode":
				place.Code = value
			}
		}
		cells = append(cells, model.Cell{Title: title, Value: value})
	}
	if place == (model.Location{}) {
		return cells, nil
	}
	return cells, []model.Location{place}
}

// yearOrMonth is a date the standard takes with no day ("2021",
// "2021-04"): kept as written, never read as an Excel date.
var yearOrMonth = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2})?$`)

// giving360Date writes a 360Giving date cell as the standard does,
// YYYY-MM-DD, when the file gives an Excel date or a date as text; a
// date-time, a year or a month stays as written.
func giving360Date(value string, date1904 bool) string {
	if strings.Contains(value, "T") || yearOrMonth.MatchString(value) {
		return value
	}
	if d, ok := parseDate(value, date1904); ok {
		return d.Format("2006-01-02")
	}
	return value
}

// programmeAsFund reads a sheet's programme column as its fund when
// nothing else names the fund, as a sheet whose "Programme" column names
// each of its funds; and drops a programme read from the fund's own
// column (a 360Giving file with no funder's name).
func (s *sheet) programmeAsFund() {
	p, hasProgramme := s.cols.index["programme"]
	f, hasFund := s.cols.index["fund"]
	_, fundConstant := s.constants["fund"]
	switch {
	case hasProgramme && !hasFund && !fundConstant:
		s.cols.index["fund"] = p
		delete(s.cols.index, "programme")
	case hasProgramme && hasFund && p == f:
		delete(s.cols.index, "programme")
	}
}

// checkGrantIdentity holds a grant list to one row per award. A row is
// its identifier, when the list has them: two rows with one identifier
// are one grant listed twice, an error. Without identifiers, rows the
// same in every column read may be two equal awards or a copy: counted,
// with a warning naming both.
func (b *builder) checkGrantIdentity(s *sheet, r workbook.Row, a *model.Allocation) bool {
	if id := a.Grant.Identifier; id != "" {
		key := "id|" + a.Fund.Slug + "|" + id
		if prev, dup := b.seen[key]; dup {
			b.problems.Errorf(a.Loc, "grant %s is listed twice (also at %s); delete one, or give it its own identifier", id, placeOf(prev, a.Loc))
			return false
		}
		b.seen[key] = a.Loc
		return true
	}
	var key strings.Builder
	key.WriteString("row|" + s.t.File + "|" + s.t.Sheet)
	if s.readCols == nil {
		s.readCols = slices.Sorted(maps.Values(s.cols.index))
		s.readCols = slices.Compact(s.readCols)
	}
	for _, i := range s.readCols {
		key.WriteString("|")
		if i < len(r.Cells) {
			key.WriteString(strings.TrimSpace(r.Cells[i]))
		}
	}
	key.WriteString("|" + a.Year.String() + "|" + a.Fund.Slug)
	if prev, dup := b.seen[key.String()]; dup {
		b.problems.Warnf(a.Loc, "rows %d and %d are the same in every column read; both are counted. If one is a copy, delete it", prev.Row, r.Num)
		return true
	}
	b.seen[key.String()] = a.Loc
	return true
}

// placeOf names the cell at as seen from the cell here: "F9" in the same
// sheet, "Allocations!F9" in another sheet, and with the file's name in
// another workbook, where a bare "F9" would send the reader to the wrong
// place.
func placeOf(at, here diag.Loc) string {
	switch {
	case at.File != here.File:
		return at.String()
	case at.Sheet != here.Sheet:
		return at.Sheet + "!" + at.Cell()
	}
	return at.Cell()
}

func programmeText(p string) string {
	if p == "" {
		return ""
	}
	return ", programme " + p
}

func trancheText(t string) string {
	if t == "" {
		return ""
	}
	return ", tranche " + t
}

// subHeaderHint is what an error in the row under the header adds when
// the row holds no number, year or date at all: it is likely a second
// header line ("(name)", "(£)", "From", "To") whose key cells are not
// blank, so is not skipped on its own. A row giving a year ("2023/24")
// is a row of figures with a mistake in it, and is told so plainly.
func (b *builder) subHeaderHint(s *sheet, r workbook.Row) string {
	if r.Num != s.header.Num+1 || !hasNoNumber(r) || slices.ContainsFunc(r.Cells, isYearOrDate) {
		return ""
	}
	what := "row of figures"
	if s.grants {
		what = "grant"
	}
	return fmt.Sprintf("; if row %d is a second header line, not a %s, add skip_rows = [%d] to its [[source]] in %s", r.Num, what, r.Num, b.cfg.File)
}

// isYearOrDate reports whether a cell is a financial year or a date.
func isYearOrDate(text string) bool {
	_, err := yearOf(strings.TrimSpace(text), false)
	return err == nil
}
