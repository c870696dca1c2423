package pages

import "fmt"

// Download is one table offered as CSV and JSON.
type Download struct {
	Title       string
	Description string
	CSV         string // site-relative address
	JSON        string // "" when the table has no JSON form
	Rows        int
}

// Size says how many rows: "1 row", "84 rows".
func (d Download) Size() string {
	if d.Rows == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%s rows", Count(d.Rows))
}
