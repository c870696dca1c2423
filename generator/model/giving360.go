package model

import "strings"

// Giving360Type says how a field of the 360Giving Data Standard is written
// in its JSON: the spreadsheet holds every field as text.
type Giving360Type int

const (
	Giving360Text Giving360Type = iota
	// Giving360Number fields are JSON numbers: amounts, durations,
	// latitudes.
	Giving360Number
	// Giving360Date fields are dates, YYYY-MM-DD (or a date-time).
	Giving360Date
	// Giving360DateTime fields are full date-times ("Last Modified").
	Giving360DateTime
	// Giving360URI fields are web addresses.
	Giving360URI
)

// Giving360Field is one field of a grant in the 360Giving Data Standard:
// its column title in the standard's spreadsheet layout and where it sits
// in the standard's JSON. Path is dotted JSON keys; "[]" after a key marks
// a list, whose one item a spreadsheet row describes ("plannedDates[].startDate").
type Giving360Field struct {
	Title string
	Path  string
	Type  Giving360Type
}

// Giving360Fields are every field of a grant in the 360Giving Data
// Standard (version 1.4.3), in the standard's order: a file in the
// standard is read, and published again, by these. (The transactions,
// which the spreadsheet layout has no columns for, are left out.)
var Giving360Fields = []Giving360Field{
	{"Identifier", "id", Giving360Text},
	{"Title", "title", Giving360Text},
	{"Description", "description", Giving360Text},
	{"Currency", "currency", Giving360Text},
	{"Amount Applied For", "amountAppliedFor", Giving360Number},
	{"Amount Awarded", "amountAwarded", Giving360Number},
	{"Amount Disbursed", "amountDisbursed", Giving360Number},
	{"Award Date", "awardDate", Giving360Date},
	{"URL", "url", Giving360URI},
	{"Planned Dates:Title", "plannedDates[].title", Giving360Text},
	{"Planned Dates:Start Date", "plannedDates[].startDate", Giving360Date},
	{"Planned Dates:End Date", "plannedDates[].endDate", Giving360Date},
	{"Planned Dates:Duration (months)", "plannedDates[].duration", Giving360Number},
	{"Planned Dates:Description", "plannedDates[].description", Giving360Text},
	{"Planned Dates:Last Modified", "plannedDates[].dateModified", Giving360DateTime},
	{"Actual Dates:Title", "actualDates[].title", Giving360Text},
	{"Actual Dates:Start Date", "actualDates[].startDate", Giving360Date},
	{"Actual Dates:End Date", "actualDates[].endDate", Giving360Date},
	{"Actual Dates:Duration (months)", "actualDates[].duration", Giving360Number},
	{"Actual Dates:Description", "actualDates[].description", Giving360Text},
	{"Actual Dates:Last Modified", "actualDates[].dateModified", Giving360DateTime},
	{"Recipient Ind:Identifier", "recipientIndividual.id", Giving360Text},
	{"Recipient Ind:Name", "recipientIndividual.name", Giving360Text},
	{"To Individuals Details:Primary Grant Reason", "toIndividualsDetails.primaryGrantReason", Giving360Text},
	{"To Individuals Details:Secondary Grant Reason", "toIndividualsDetails.secondaryGrantReason", Giving360Text},
	{"To Individuals Details:Grant Purpose", "toIndividualsDetails.grantPurpose[]", Giving360Text},
	{"Recipient Org:Identifier", "recipientOrganization[].id", Giving360Text},
	{"Recipient Org:Name", "recipientOrganization[].name", Giving360Text},
	{"Recipient Org:Department", "recipientOrganization[].department", Giving360Text},
	{"Recipient Org:Contact Name", "recipientOrganization[].contactName", Giving360Text},
	{"Recipient Org:Charity Number", "recipientOrganization[].charityNumber", Giving360Text},
	{"Recipient Org:Company Number", "recipientOrganization[].companyNumber", Giving360Text},
	{"Recipient Org:Street Address", "recipientOrganization[].streetAddress", Giving360Text},
	{"Recipient Org:City", "recipientOrganization[].addressLocality", Giving360Text},
	{"Recipient Org:County", "recipientOrganization[].addressRegion", Giving360Text},
	{"Recipient Org:Country", "recipientOrganization[].addressCountry", Giving360Text},
	{"Recipient Org:Postal Code", "recipientOrganization[].postalCode", Giving360Text},
	{"Recipient Org:Phone Number", "recipientOrganization[].telephone", Giving360Text},
	{"Recipient Org:Alternate Name", "recipientOrganization[].alternateName", Giving360Text},
	{"Recipient Org:Email", "recipientOrganization[].email", Giving360Text},
	{"Recipient Org:Description", "recipientOrganization[].description", Giving360Text},
	{"Recipient Org:Organisation Type", "recipientOrganization[].organisationType", Giving360Text},
	{"Recipient Org:Web Address", "recipientOrganization[].url", Giving360URI},
	{"Recipient Org:Location:Identifier", "recipientOrganization[].location[].id", Giving360Text},
	{"Recipient Org:Location:Name", "recipientOrganization[].location[].name", Giving360Text},
	{"Recipient Org:Location:Country Code", "recipientOrganization[].location[].countryCode", Giving360Text},
	{"Recipient Org:Location:Latitude", "recipientOrganization[].location[].latitude", Giving360Number},
	{"Recipient Org:Location:Longitude", "recipientOrganization[].location[].longitude", Giving360Number},
	{"Recipient Org:Location:Description", "recipientOrganization[].location[].description", Giving360Text},
	{"Recipient Org:Location:Geographic Code", "recipientOrganization[].location[].geoCode", Giving360Text},
	{"Recipient Org:Location:Geographic Code Type", "recipientOrganization[].location[].geoCodeType", Giving360Text},
	{"Recipient Org:Location:Last Modified", "recipientOrganization[].location[].dateModified", Giving360DateTime},
	{"Recipient Org:Last Modified", "recipientOrganization[].dateModified", Giving360DateTime},
	{"Beneficiary Location:Identifier", "beneficiaryLocation[].id", Giving360Text},
	{"Beneficiary Location:Name", "beneficiaryLocation[].name", Giving360Text},
	{"Beneficiary Location:Country Code", "beneficiaryLocation[].countryCode", Giving360Text},
	{"Beneficiary Location:Latitude", "beneficiaryLocation[].latitude", Giving360Number},
	{"Beneficiary Location:Longitude", "beneficiaryLocation[].longitude", Giving360Number},
	{"Beneficiary Location:Description", "beneficiaryLocation[].description", Giving360Text},
	{"Beneficiary Location:Geographic Code", "beneficiaryLocation[].geoCode", Giving360Text},
	{"Beneficiary Location:Geographic Code Type", "beneficiaryLocation[].geoCodeType", Giving360Text},
	{"Beneficiary Location:Last Modified", "beneficiaryLocation[].dateModified", Giving360DateTime},
	{"Funding Org:Identifier", "fundingOrganization[].id", Giving360Text},
	{"Funding Org:Name", "fundingOrganization[].name", Giving360Text},
	{"Funding Org:Department", "fundingOrganization[].department", Giving360Text},
	{"Funding Org:Contact Name", "fundingOrganization[].contactName", Giving360Text},
	{"Funding Org:Charity Number", "fundingOrganization[].charityNumber", Giving360Text},
	{"Funding Org:Company Number", "fundingOrganization[].companyNumber", Giving360Text},
	{"Funding Org:Street Address", "fundingOrganization[].streetAddress", Giving360Text},
	{"Funding Org:City", "fundingOrganization[].addressLocality", Giving360Text},
	{"Funding Org:County", "fundingOrganization[].addressRegion", Giving360Text},
	{"Funding Org:Country", "fundingOrganization[].addressCountry", Giving360Text},
	{"Funding Org:Postal Code", "fundingOrganization[].postalCode", Giving360Text},
	{"Funding Org:Phone Number", "fundingOrganization[].telephone", Giving360Text},
	{"Funding Org:Alternate Name", "fundingOrganization[].alternateName", Giving360Text},
	{"Funding Org:Email", "fundingOrganization[].email", Giving360Text},
	{"Funding Org:Description", "fundingOrganization[].description", Giving360Text},
	{"Funding Org:Organisation Type", "fundingOrganization[].organisationType", Giving360Text},
	{"Funding Org:Web Address", "fundingOrganization[].url", Giving360URI},
	{"Funding Org:Location:Identifier", "fundingOrganization[].location[].id", Giving360Text},
	{"Funding Org:Location:Name", "fundingOrganization[].location[].name", Giving360Text},
	{"Funding Org:Location:Country Code", "fundingOrganization[].location[].countryCode", Giving360Text},
	{"Funding Org:Location:Latitude", "fundingOrganization[].location[].latitude", Giving360Number},
	{"Funding Org:Location:Longitude", "fundingOrganization[].location[].longitude", Giving360Number},
	{"Funding Org:Location:Description", "fundingOrganization[].location[].description", Giving360Text},
	{"Funding Org:Location:Geographic Code", "fundingOrganization[].location[].geoCode", Giving360Text},
	{"Funding Org:Location:Geographic Code Type", "fundingOrganization[].location[].geoCodeType", Giving360Text},
	{"Funding Org:Location:Last Modified", "fundingOrganization[].location[].dateModified", Giving360DateTime},
	{"Funding Org:Last Modified", "fundingOrganization[].dateModified", Giving360DateTime},
	{"Grant Programme:Code", "grantProgramme[].code", Giving360Text},
	{"Grant Programme:Title", "grantProgramme[].title", Giving360Text},
	{"Grant Programme:Description", "grantProgramme[].description", Giving360Text},
	{"Grant Programme:URL", "grantProgramme[].url", Giving360URI},
	{"Grant Programme:Last Modified", "grantProgramme[].dateModified", Giving360DateTime},
	{"From An Open Call?", "fromOpenCall", Giving360Text},
	{"Funding Type:Vocabulary", "fundingType[].vocabulary", Giving360Text},
	{"Funding Type:Code", "fundingType[].code", Giving360Text},
	{"Funding Type:Title", "fundingType[].title", Giving360Text},
	{"Funding Type:Description", "fundingType[].description", Giving360Text},
	{"Funding Type:URL", "fundingType[].url", Giving360URI},
	{"Funding Type:Last Modified", "fundingType[].dateModified", Giving360DateTime},
	{"Classifications:Vocabulary", "classifications[].vocabulary", Giving360Text},
	{"Classifications:Code", "classifications[].code", Giving360Text},
	{"Classifications:Title", "classifications[].title", Giving360Text},
	{"Classifications:Description", "classifications[].description", Giving360Text},
	{"Classifications:URL", "classifications[].url", Giving360URI},
	{"Classifications:Last Modified", "classifications[].dateModified", Giving360DateTime},
	{"Related Document:Identifier", "relatedDocument[].id", Giving360Text},
	{"Related Document:Title", "relatedDocument[].title", Giving360Text},
	{"Related Document:Web Address", "relatedDocument[].url", Giving360URI},
	{"Related Document:Description", "relatedDocument[].description", Giving360Text},
	{"Related Document:Document Type", "relatedDocument[].documentType", Giving360Text},
	{"Related Document:Last Modified", "relatedDocument[].dateModified", Giving360DateTime},
	{"Related Activity", "relatedActivity[]", Giving360Text},
	{"Last Modified", "dateModified", Giving360DateTime},
	{"Data Source", "dataSource", Giving360URI},
	{"For Regrant Type", "regrantType", Giving360Text},
	{"Location Scope", "locationScope", Giving360Text},
}

var giving360ByKey = func() map[string]Giving360Field {
	m := make(map[string]Giving360Field, len(Giving360Fields))
	for _, f := range Giving360Fields {
		m[giving360Key(f.Title)] = f
	}
	return m
}()

// giving360Key is a column title as files write it, made comparable:
// "Grant Programme: Title" and "Last modified" are the standard's
// "Grant Programme:Title" and "Last Modified".
func giving360Key(title string) string {
	return strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(title), " ")), ": ", ":")
}

// Giving360FieldOf finds the standard's field a column title names, as a
// file writes it.
func Giving360FieldOf(title string) (Giving360Field, bool) {
	f, ok := giving360ByKey[giving360Key(title)]
	return f, ok
}
