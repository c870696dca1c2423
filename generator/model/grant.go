package model

import "strings"

// Grant is what a grant list says about one award beyond what every
// allocation has (fund, recipient, year, amount, cell). Fields a sheet
// does not give are "".
type Grant struct {
	// Identifier is the grant's own identifier, such as 360Giving's
	// "360G-ALWF-1978"; "" when the list gives none.
	Identifier  string
	Title       string
	Description string
	// AwardDate is when the award was made, written YYYY-MM-DD; "" when
	// the row gives only a financial year.
	AwardDate string
	// RecipientName and RecipientID are the recipient as the row gives
	// them, before names are matched and old codes replaced.
	RecipientName, RecipientID string
	FunderName, FunderID       string
	// From360Giving says the row was read from a file in the 360Giving
	// Data Standard, so its identifiers are the standard's own and are
	// published again unchanged.
	From360Giving bool
	// Cells are every cell a 360Giving row fills, in column order, so
	// the site's 360Giving download passes on all the file says: a
	// column of the standard under the standard's title (see
	// Giving360FieldOf), any other under its title as the file writes it.
	// Dates are written YYYY-MM-DD. Nil for other grant lists.
	Cells []Cell
	// Locations are the places a 360Giving row says the grant benefits
	// (its Beneficiary Location columns), for pages about places.
	Locations []Location
}

// Cell is one column's text in one row.
type Cell struct {
	Title, Value string
}

// Location is a place a grant benefits, as a 360Giving file names it.
type Location struct {
	Name string
	// Code is the place's ONS (GSS) code, such as E06000001, when given.
	Code string
}

// Geography is the kind of area the location's code names, from the
// code's first three characters ("E06": "unitary authority"); "" for no
// code, or one that is not a GSS code fundsite knows.
func (l Location) Geography() string {
	if len(l.Code) != 9 {
		return ""
	}
	return gssKinds[strings.ToUpper(l.Code[:3])]
}

// gssKinds are the ONS's entity codes for the areas grants are given to,
// by the first three characters of a GSS code.
var gssKinds = map[string]string{
	"E00": "output area", "E01": "lower layer super output area", "E02": "middle layer super output area",
	"E04": "civil parish", "E05": "electoral ward", "E06": "unitary authority",
	"E07": "non-metropolitan district", "E08": "metropolitan district", "E09": "London borough",
	"E10": "county", "E11": "metropolitan county", "E12": "region", "E13": "inner or outer London",
	"E14": "Westminster parliamentary constituency", "E38": "sub-ICB location", "E40": "NHS England region",
	"E54": "integrated care board", "E92": "country",
	"W05": "electoral ward", "W06": "unitary authority", "W07": "Westminster parliamentary constituency", "W92": "country",
	"S12": "council area", "S13": "electoral ward", "S14": "Westminster parliamentary constituency", "S92": "country",
	"N06": "Westminster parliamentary constituency", "N08": "electoral ward", "N09": "local government district", "N92": "country",
	"K02": "United Kingdom", "K03": "Great Britain", "K04": "England and Wales",
}
