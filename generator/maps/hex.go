package maps

import "fmt"

// Hex geometry, in viewBox units. A pointy-top hexagon 2·hexHalfWidth
// wide and 4·hexQuarter tall is regular when hexHalfWidth = √3·hexQuarter;
// 7 and 4 are 1% off that, which no reader sees, and keep every vertex on
// an integer so each hex is written in about 30 bytes.
const (
	hexHalfWidth = 7
	hexQuarter   = 4
	hexRowStep   = 3 * hexQuarter // rows overlap by a quarter
	hexMargin    = 1              // room for the outline at the edges
)

// hexPaths lays hexes out in Open Innovations' HexJSON "odd-r" layout:
// pointy-top, r counting rows upwards (as HexJSON files are drawn, north
// up), q counting columns rightwards, and odd rows (r&1 == 1, so r = −1
// too) shifted half a hex right. It returns each hex's path data and the
// viewBox's size.
func hexPaths(hexes []Hex) (paths []string, w, h int) {
	if len(hexes) == 0 {
		return nil, 0, 0
	}
	minQ, maxQ, minR, maxR := hexes[0].Q, hexes[0].Q, hexes[0].R, hexes[0].R
	shifted := false
	for _, x := range hexes {
		minQ, maxQ = min(minQ, x.Q), max(maxQ, x.Q)
		minR, maxR = min(minR, x.R), max(maxR, x.R)
		shifted = shifted || x.R&1 == 1
	}
	for _, x := range hexes {
		cx := hexMargin + hexHalfWidth + (x.Q-minQ)*2*hexHalfWidth + (x.R&1)*hexHalfWidth
		top := hexMargin + (maxR-x.R)*hexRowStep
		paths = append(paths, fmt.Sprintf("M%d %dl%d %dv%dl%d %d%d%dv%dz",
			cx, top, hexHalfWidth, hexQuarter, 2*hexQuarter,
			-hexHalfWidth, hexQuarter, -hexHalfWidth, -hexQuarter, -2*hexQuarter))
	}
	w = 2*hexMargin + (maxQ-minQ+1)*2*hexHalfWidth
	if shifted {
		w += hexHalfWidth
	}
	h = 2*hexMargin + (maxR-minR)*hexRowStep + 4*hexQuarter
	return paths, w, h
}
