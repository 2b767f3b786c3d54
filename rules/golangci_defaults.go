package rules

import (
	"reflect"

	"github.com/golangci/golangci-lint/v2/pkg/config"
)

// NewGolangciDefaults returns golangci-lint's default configuration
// (config.NewDefault) with nothing shared with its package-level
// defaults. NewDefault copies them shallowly, and decoding into the copy
// writes into their maps and slices: golangci-lint decodes once per
// process, but lintgate decodes several times (the file, the tree, the
// effective configuration), and each decode must start from the defaults
// a fresh golangci-lint starts from.
func NewGolangciDefaults() *config.Config {
	cfg := config.NewDefault()
	v := reflect.ValueOf(cfg).Elem()
	v.Set(deepCopyValue(v))
	return cfg
}

// deepCopyValue copies v, its maps, slices and pointers included; a
// struct's unexported fields are copied as they are (golangci-lint's
// defaults leave them zero).
func deepCopyValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(deepCopyValue(v.Elem()))
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(deepCopyValue(v.Index(i)))
		}
		return c
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			c.SetMapIndex(it.Key(), deepCopyValue(it.Value()))
		}
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		for i := range v.NumField() {
			if c.Field(i).CanSet() {
				c.Field(i).Set(deepCopyValue(v.Field(i)))
			}
		}
		return c
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type()).Elem()
		c.Set(deepCopyValue(v.Elem()))
		return c
	}
	return v
}
