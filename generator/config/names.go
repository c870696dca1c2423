package config

import (
	"reflect"
	"strings"
)

// tomlNames lists the TOML keys a struct accepts.
func tomlNames(v any) []string {
	var names []string
	t := reflect.TypeOf(v)
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		if name != "" && name != "-" {
			names = append(names, name)
		}
	}
	return names
}
