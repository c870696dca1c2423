package workbook

import (
	"testing"
)

// TestSniffSaysWhatTextIs: a text file named .xlsx is named for what it
// is. A site's "download as Excel" is often an HTML table, and was called
// "a text file (CSV?)", which sent people looking for commas.
func TestSniffSaysWhatTextIs(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"a web page", "<!DOCTYPE html>\n<html><body><table><tr><td>Kent</td></tr></table></body></html>",
			`this is a web page (HTML), perhaps a site's "download as Excel" or a page saved from a browser, named .xlsx, not an Excel workbook; open it in Excel and save as .xlsx`},
		{"Excel's Web Page format", "\ufeff<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\n<head></head><body><table></table></body></html>",
			`this is a web page (HTML), perhaps a site's "download as Excel" or a page saved from a browser, named .xlsx, not an Excel workbook; open it in Excel and save as .xlsx`},
		{"a bare HTML table", "  <table>\n<tr><td>Kent</td><td>100</td></tr></table>",
			`this is a web page (HTML), perhaps a site's "download as Excel" or a page saved from a browser, named .xlsx, not an Excel workbook; open it in Excel and save as .xlsx`},
		{"an Excel 2003 XML spreadsheet", "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"></Workbook>",
			`this is an Excel 2003 XML spreadsheet named .xlsx, not an Excel workbook; open it in Excel and save as .xlsx`},
		{"a CSV file", "Fund,Area,Amount\nARF,Kent,100\n",
			`this is a text file (CSV?) named .xlsx, not an Excel workbook; open it in Excel and save as .xlsx`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := openBytes(t, []byte(tt.data), DefaultLimits)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v\nwant  %s", err, tt.want)
			}
		})
	}
}
