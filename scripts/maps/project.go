package main

import "math"

// bng projects WGS84 longitude and latitude (degrees) to British National
// Grid easting and northing (metres) with the Ordnance Survey's transverse
// Mercator formulas on the Airy 1830 ellipsoid ("A guide to coordinate
// systems in Great Britain", annex C). It skips the datum shift from WGS84
// to OSGB36: that moves points by at most about 120 m, a fifth of one unit
// of the 1000-wide viewBox, so the map is British National Grid to within
// the rounding the data gets anyway.
func bng(lon, lat float64) (e, n float64) {
	const (
		a, b   = 6377563.396, 6356256.909
		f0     = 0.9996012717
		e0, n0 = 400000.0, -100000.0
	)
	phi0, lambda0 := 49*math.Pi/180, -2*math.Pi/180
	phi, lambda := lat*math.Pi/180, lon*math.Pi/180
	e2 := 1 - b*b/(a*a)
	nn := (a - b) / (a + b)
	sin, cos := math.Sin(phi), math.Cos(phi)
	tan := sin / cos
	nu := a * f0 / math.Sqrt(1-e2*sin*sin)
	rho := a * f0 * (1 - e2) / math.Pow(1-e2*sin*sin, 1.5)
	eta2 := nu/rho - 1
	dp, sp := phi-phi0, phi+phi0
	m := b * f0 * ((1+nn+1.25*nn*nn+1.25*nn*nn*nn)*dp -
		(3*nn+3*nn*nn+21.0/8*nn*nn*nn)*math.Sin(dp)*math.Cos(sp) +
		(15.0/8*nn*nn+15.0/8*nn*nn*nn)*math.Sin(2*dp)*math.Cos(2*sp) -
		35.0/24*nn*nn*nn*math.Sin(3*dp)*math.Cos(3*sp))
	t2 := tan * tan
	c3, c5 := cos*cos*cos, cos*cos*cos*cos*cos
	i := m + n0
	ii := nu / 2 * sin * cos
	iii := nu / 24 * sin * c3 * (5 - t2 + 9*eta2)
	iiia := nu / 720 * sin * c5 * (61 - 58*t2 + t2*t2)
	iv := nu * cos
	v := nu / 6 * c3 * (nu/rho - t2)
	vi := nu / 120 * c5 * (5 - 18*t2 + t2*t2 + 14*eta2 - 58*t2*eta2)
	dl := lambda - lambda0
	n = i + ii*dl*dl + iii*math.Pow(dl, 4) + iiia*math.Pow(dl, 6)
	e = e0 + iv*dl + v*dl*dl*dl + vi*math.Pow(dl, 5)
	return e, n
}
