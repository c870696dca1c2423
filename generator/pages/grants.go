package pages

import "fundsite/generator/model"

// GrantPictures are what a grant list's fund page shows at a glance: how
// many grants of each size, and who received the most.
type GrantPictures struct {
	Bands []SizeBand
	// Largest are the recipients that received the most, with how many
	// more there are.
	Largest     []PlaceRecipient
	LargestMore string
}

// SizeBand is how many grants of one size a fund made, and their total.
type SizeBand struct {
	Label  string
	Grants Count
	Total  Amount
}

// sizeBands are the bands grants are counted in, by their lowest amount
// in pence, in house style.
var sizeBands = []struct {
	from  int64
	label string
}{
	{0, "Under £10,000"},
	{10_000_00, "£10,000 to £49,999"},
	{50_000_00, "£50,000 to £99,999"},
	{100_000_00, "£100,000 to £249,999"},
	{250_000_00, "£250,000 to £999,999"},
	{1_000_000_00, "£1m and over"},
}

// grantPictures are a fund's grants by size band and its largest
// recipients, when every row of it is a grant of money; nil otherwise.
func (b *builder) grantPictures(f *model.Fund, rows []*model.Allocation) *GrantPictures {
	if f.Measure.Count || len(rows) == 0 {
		return nil
	}
	v := &GrantPictures{}
	for _, a := range rows {
		if a.Grant == nil {
			return nil
		}
	}
	for i, band := range sizeBands {
		var in []*model.Allocation
		for _, a := range rows {
			if int64(a.Amount) >= band.from && (i+1 == len(sizeBands) || int64(a.Amount) < sizeBands[i+1].from) {
				in = append(in, a)
			}
		}
		v.Bands = append(v.Bands, SizeBand{Label: band.label, Grants: Count(len(in)), Total: Amount{model.Sum(in), b.style, f.Measure}})
	}
	v.Largest, v.LargestMore = b.largestRecipients(rows)
	return v
}
