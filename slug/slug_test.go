package slug_test

import (
	"math"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/slug"
)

func TestMake(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only spaces and hyphens", "   --   ", ""},
		{"only emoji", "🎉🎉", ""},
		{"only punctuation", "?!…—", ""},
		{"plain", "Annual Meeting", "annual-meeting"},
		{"already a slug", "annual-meeting-2", "annual-meeting-2"},
		{"french", "Café Crème", "cafe-creme"},
		{"french elision", "Ça c'est l'été, garçon!", "ca-cest-lete-garcon"},
		{"german", "Größenwahn Straße Ärger Öl Übel", "grossenwahn-strasse-arger-ol-ubel"},
		{"polish", "Zażółć gęślą jaźń Łódź", "zazolc-gesla-jazn-lodz"},
		{"nordic", "Søren Kierkegaard Ærø Þingvellir Åsa", "soren-kierkegaard-aero-thingvellir-asa"},
		{"vietnamese", "Nguyễn Thị Minh Khai, Đà Nẵng", "nguyen-thi-minh-khai-da-nang"},
		{"czech", "Dvořák: Novosvětská", "dvorak-novosvetska"},
		{"turkish", "İstanbul ılık", "istanbul-ilik"},
		{"cyrillic", "Москва", "moskva"},
		{"greek", "Ἀθῆναι", "athenai"},
		{"decomposed accent", "Cafe\u0301", "cafe"},
		{"ampersand and at", "Tom & Jerry @ home", "tom-and-jerry-at-home"},
		{"symbols", "100% $5 #1 +2 = 3 / 4 * 5", "100-5-1-2-3-4-5"},
		{"dashes", "a—b–c -- d", "a-b-c-d"},
		{"apostrophes dropped", "Don’t panic, O'Brien", "dont-panic-obrien"},
		{"underscores become hyphens", "snake_case__words", "snake-case-words"},
		{"leading and trailing junk", "  ***Hello, World!***  ", "hello-world"},
		{"upper case", "AGM 2024 MINUTES", "agm-2024-minutes"},
		{"newlines and tabs", "one\ntwo\tthree", "one-two-three"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := slug.Make(tc.in)
			if got != tc.want {
				t.Errorf("Make(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got != "" && !slug.Valid(got) {
				t.Errorf("Make(%q) = %q, which Valid rejects", tc.in, got)
			}
		})
	}
}

func TestMakeLength(t *testing.T) {
	word10 := "abcdefghij"
	tests := []struct {
		name, in, want string
	}{
		{"exactly 100", strings.Repeat("a", 100), strings.Repeat("a", 100)},
		{"one long word is cut", strings.Repeat("a", 150), strings.Repeat("a", 100)},
		// 9 words of 10 plus hyphens is 98 bytes; the 10th word would end at 109.
		{"cut at a hyphen", strings.Repeat(word10+" ", 12), strings.TrimSuffix(strings.Repeat(word10+"-", 9), "-")},
		// A hyphen exactly at byte 100 means the first 100 bytes are whole words.
		{"hyphen at the limit", strings.Repeat("a", 100) + " b", strings.Repeat("a", 100)},
		{"short first word then long word", "ab " + strings.Repeat("c", 120), "ab"},
		{"accents expand", strings.Repeat("ß", 60), strings.Repeat("s", 100)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := slug.Make(tc.in)
			if got != tc.want {
				t.Errorf("Make(%q) = %q (%d bytes), want %q", tc.in, got, len(got), tc.want)
			}
			if !slug.Valid(got) {
				t.Errorf("Make(%q) = %q, which Valid rejects", tc.in, got)
			}
		})
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"a", true},
		{"9", true},
		{"annual-meeting", true},
		{"annual-meeting-2", true},
		{"2024-agm", true},
		{strings.Repeat("a", 100), true},
		{strings.Repeat("a", 101), false},
		{"-annual", false},
		{"annual-", false},
		{"-", false},
		{"annual--meeting", false},
		{"Annual", false},
		{"annual_meeting", false},
		{"annual meeting", false},
		{"café", false},
		{"annual.meeting", false},
		{"annual/meeting", false},
		{"%41", false},
	}
	for _, tc := range tests {
		if got := slug.Valid(tc.in); got != tc.want {
			t.Errorf("Valid(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestWithSuffix(t *testing.T) {
	long := strings.Repeat("abcdefghij-", 9) + "abcdefghij" // 109 bytes, hyphen every 11
	tests := []struct {
		name string
		base string
		n    int
		want string
	}{
		{"simple", "annual-meeting", 2, "annual-meeting-2"},
		{"big number", "annual-meeting", 1234, "annual-meeting-1234"},
		{"empty base", "", 3, "3"},
		{"negative n", "annual-meeting", -2, "annual-meeting-2"},
		{"min int", "x", math.MinInt64, "x-9223372036854775808"},
		{"fits exactly", strings.Repeat("a", 98), 2, strings.Repeat("a", 98) + "-2"},
		{"one word trimmed", strings.Repeat("a", 100), 2, strings.Repeat("a", 98) + "-2"},
		{"one word trimmed more for longer suffix", strings.Repeat("a", 100), 100, strings.Repeat("a", 96) + "-100"},
		{"trimmed at a hyphen", long, 2, strings.TrimSuffix(strings.Repeat("abcdefghij-", 9), "-") + "-2"},
		{"hyphen just past the cut", strings.Repeat("a", 97) + "-b", 12, strings.Repeat("a", 97) + "-12"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := slug.WithSuffix(tc.base, tc.n)
			if got != tc.want {
				t.Errorf("WithSuffix(%q, %d) = %q (%d bytes), want %q", tc.base, tc.n, got, len(got), tc.want)
			}
			if !slug.Valid(got) {
				t.Errorf("WithSuffix(%q, %d) = %q, which Valid rejects", tc.base, tc.n, got)
			}
		})
	}
}

func TestWithSuffixOfMakeIsValid(t *testing.T) {
	for _, in := range []string{"Café Crème", strings.Repeat("Größe ", 40), strings.Repeat("x", 300), "a"} {
		base := slug.Make(in)
		for _, n := range []int{2, 10, 999, 123456} {
			if got := slug.WithSuffix(base, n); !slug.Valid(got) {
				t.Errorf("WithSuffix(Make(%q), %d) = %q, which Valid rejects", in, n, got)
			}
		}
	}
}
