// Package example writes the bundled example workbook from the CSV facts it
// embeds, so the example can be regenerated and audited.
package example

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"fundsite/generator/workbook"
)

//go:embed sources/*.csv
var sources embed.FS

// WorkbookName is where the example workbook lives in the project.
const WorkbookName = "data/adult-social-care.xlsx"

// publishedSources are the addresses of the four published 2023/24 figures.
var publishedSources = map[string]string{
	"North West London":              "https://greghands-admin.conservativewebsites.org.uk/news/greg-hands-mp-welcomes-funding-boost-adult-social-care-innovation-north-west-london-integrated",
	"Greater Manchester":             "https://jamesdaly.org.uk/node/7798",
	"Mid and South Essex":            "https://rebeccaharris.org/node/5999",
	"Shropshire, Telford and Wrekin": "https://stuartanderson.org.uk/node/81",
}

const guidanceURL = "https://www.gov.uk/government/publications/accelerating-reform-fund-for-adult-social-care/accelerating-reform-fund-for-adult-social-care-guidance-for-local-authorities"

// Write saves the example workbook at path, and the council workbook
// beside it.
func Write(path string) error {
	allocations, err := readCSV("sources/arf-example-allocations.csv")
	if err != nil {
		return err
	}
	areas, err := readCSV("sources/icb-42.csv")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	err = workbook.Write(path, []workbook.SheetSpec{
		allocationsSheet(allocations),
		areasSheet(areas),
		fundsSheet(),
	})
	if err != nil {
		return err
	}
	return WriteCouncils(filepath.Join(filepath.Dir(path), CouncilWorkbookName))
}

func allocationsSheet(rows []map[string]string) workbook.SheetSpec {
	s := workbook.SheetSpec{
		Name: "Allocations",
		Titles: []string{
			"Accelerating Reform Fund: allocations to integrated care systems, 2023/24 and 2024/25",
			"Status says whether each figure is published or an estimate; see the Basis column.",
		},
		Header:       []string{"Fund", "Financial year", "Tranche", "Area code", "Area", "Area type", "Region", "Amount (£)", "Status", "Basis", "Source"},
		MoneyColumns: []int{7},
	}
	for _, r := range rows {
		amount, _ := strconv.ParseInt(r["amount_gbp"], 10, 64)
		source := guidanceURL
		if r["status"] != "estimate" {
			source = publishedSources[r["area"]]
		}
		s.Rows = append(s.Rows, []any{r["fund"], r["financial_year"], r["tranche"], r["area_code"], r["area"],
			r["area_type"], r["nhs_region"], amount, r["status"], r["basis"], source})
	}
	return s
}

func areasSheet(rows []map[string]string) workbook.SheetSpec {
	s := workbook.SheetSpec{
		Name:   "Areas",
		Titles: []string{"Integrated care systems in England (NHS England, Open Government Licence v3.0)"},
		Header: []string{"Area code", "Previous code (July 2022)", "ODS code", "Name", "Area type", "Region", "Population 2023/24", "Population 2024/25"},
	}
	for _, r := range rows {
		p1, _ := strconv.ParseInt(r["gp_registered_population_2023_24"], 10, 64)
		p2, _ := strconv.ParseInt(r["gp_registered_population_2024_25"], 10, 64)
		s.Rows = append(s.Rows, []any{r["ons_code"], r["ons_code_july_2022"], r["ods_code"], r["short_name"],
			"Integrated care system", r["nhs_region"], p1, p2})
	}
	return s
}

func fundsSheet() workbook.SheetSpec {
	return workbook.SheetSpec{
		Name:         "Funds",
		Header:       []string{"Name", "Short name", "Department", "Description", "Announced total (£)", "Source address"},
		MoneyColumns: []int{4},
		Rows: [][]any{{
			"Accelerating Reform Fund", "ARF", "Department of Health and Social Care",
			"Helps councils and their NHS partners try new ways of supporting adults who need care, and the unpaid carers who look after them, and spread what works.",
			int64(42_600_000), guidanceURL,
		}},
	}
}

func readCSV(name string) ([]map[string]string, error) {
	f, err := sources.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var out []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		row := map[string]string{}
		for i, h := range header {
			row[h] = rec[i]
		}
		out = append(out, row)
	}
}
