package opendata

// Validate360 checks a 360Giving package against the standard's schema,
// for the tests that build a whole site (package opendata_test).
var Validate360 = validate360
