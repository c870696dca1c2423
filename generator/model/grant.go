package model

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
	// Programme is the grant programme's title.
	Programme string
	// From360Giving says the row was read from a file in the 360Giving
	// Data Standard, so its identifiers are the standard's own and are
	// published again unchanged.
	From360Giving bool
}
