package cmstest

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
)

// ExampleMember returns a member with every field set, down to its renewals, for tests that
// must see each field go through (stored and read back, exported): a new field of
// guildhall.Member needs a value here, and TestExampleMemberSetsEveryField says so.
func ExampleMember(at time.Time) *guildhall.Member {
	return &guildhall.Member{
		ID: "mbr_example", Version: 1, Slug: "ann-example", Name: "Ann Example", SortName: "Example, Ann",
		Credentials: ptr("MSc"), Bio: ptr(guildhall.NewRichText("<p>Counsellor in <em>Leeds</em>.</p>", "Counsellor in Leeds.", 3)),
		AvatarURL: ptr("https://example.org/ann.jpg"), AvatarID: ptr("ast_example"), Email: ptr("ann@example.org"), Phone: ptr("+44 113 496 0000"),
		Membership: &guildhall.Membership{
			PlanCode: "professional", JoinedAt: at, ExpiresAt: at.AddDate(1, 0, 0), CancelledAt: ptr(at.Add(time.Hour)),
			Renewals: []*guildhall.Renewal{{
				ID: "rnw_example", PlanCode: "professional", RenewedAt: at, PreviousExpiresAt: at, NewExpiresAt: at.AddDate(1, 0, 0),
				IdempotencyKey: "key-example", PaymentReference: ptr("PAY-1"), RenewedBy: "tok_admin",
			}},
		},
		CreatedAt: at, UpdatedAt: at,
	}
}

// A Field is one value in a record, named by its path ("Membership.Renewals[0].ID").
type Field struct {
	Path  string
	Value reflect.Value
}

// Fields lists the values of a record's exported fields, going into records it holds
// (through pointers and slices) and stopping at values with hidden parts (time.Time,
// guildhall.RichText), which are read whole.
func Fields(record any) []Field {
	var out []Field
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch {
		case v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct && plain(v.Elem().Type()):
			walk(path, v.Elem())
		case v.Kind() == reflect.Slice && v.Len() > 0 && v.Type().Elem().Kind() == reflect.Pointer:
			out = append(out, Field{path, v})
			for i := range v.Len() {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		case v.Kind() == reflect.Struct && plain(v.Type()):
			for i := range v.NumField() {
				f := v.Type().Field(i)
				walk(strings.TrimPrefix(path+"."+f.Name, "."), v.Field(i))
			}
		default:
			out = append(out, Field{path, v})
		}
	}
	walk("", reflect.ValueOf(record))
	return out
}

// plain reports whether every field of struct type t is exported: a record to go into.
func plain(t reflect.Type) bool {
	for i := range t.NumField() {
		if !t.Field(i).IsExported() {
			return false
		}
	}
	return true
}

// ZeroFields names the fields of record (see Fields) that hold their zero value.
func ZeroFields(record any) []string {
	var zero []string
	for _, f := range Fields(record) {
		if f.Value.IsZero() {
			zero = append(zero, f.Path)
		}
	}
	return zero
}
