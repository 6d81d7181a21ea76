package guildhall_test

import (
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
)

func TestOldPath(t *testing.T) {
	for in, want := range map[string]string{
		"https://old.example/2014/01/spring-meeting/":         "/2014/01/spring-meeting",
		"/2014/01/spring-meeting":                             "/2014/01/spring-meeting",
		"https://old.example/2014/01/caf%C3%A9/?utm_source=x": "/2014/01/café",
		"/2014/01/caf%c3%a9":                                  "/2014/01/café",
		"https://old.example/?p=101":                          "/?p=101",
		"http://old.example/?p=0101&utm=1":                    "/?p=101",
		"/?page_id=2":                                         "/?page_id=2",
		"/?p=abc":                                             "/",
		"/?p=0":                                               "/",
		"https://old.example":                                 "/",
		"about":                                               "/about",
		"/blog/2014/x//":                                      "/blog/2014/x",
	} {
		got, ok := guildhall.OldPath(in)
		if !ok || got != want {
			t.Errorf("OldPath(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "   ", "%zz", "/" + strings.Repeat("a", guildhall.MaxOldPathLength)} {
		if got, ok := guildhall.OldPath(bad); ok {
			t.Errorf("OldPath(%q) = %q, want refused", bad, got)
		}
	}
}

func TestImportID(t *testing.T) {
	at := time.Date(2015, 3, 3, 10, 0, 0, 0, time.UTC)
	a := guildhall.ImportID(guildhall.KindPost, at, "wordpress:https://club.example:11")
	if a != guildhall.ImportID(guildhall.KindPost, at, "wordpress:https://club.example:11") {
		t.Error("not the same ID for the same key")
	}
	if a == guildhall.ImportID(guildhall.KindPost, at, "wordpress:https://club.example:12") {
		t.Error("the same ID for two keys")
	}
	if guildhall.KindOf(a) != guildhall.KindPost {
		t.Errorf("%q is not a post ID", a)
	}
	if got, ok := guildhall.IDTime(a); !ok || !got.Equal(at) {
		t.Errorf("IDTime = %v, want %v", got, at)
	}
}
