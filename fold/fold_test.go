package fold_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/guildhall/guildhall/fold"
)

func TestString(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"bill", "bill"},
		{"BILL", "bill"},
		{"BÍLL", "bill"},
		{"Zoë Ångström", "zoe angstrom"},
		{"Crème Brûlée", "creme brulee"},
		{"Ça va? Où ça!", "ca va? ou ca!"},
		{"Straße", "strasse"},
		{"STRAẞE", "strasse"},
		{"Łódź, Gdańsk, Kraków, Zażółć", "lodz, gdansk, krakow, zazolc"},
		{"Øresund Søren Ærø", "oresund soren aero"},
		{"Œuvre cœur", "oeuvre coeur"},
		{"Þórr Guðrún Ðað", "thorr gudrun dad"},
		{"Đorđević", "dordevic"},
		{"İstanbul ılık", "istanbul ilik"},
		{"Nguyễn Thị Minh Khai", "nguyen thi minh khai"},
		{"Dvořák Škoda", "dvorak skoda"},
		{"Ὀδυσσεύς ΟΔΟΣ", "οδυσσευσ οδοσ"},
		{"Москва Ёлка", "москва елка"},
		{"e\u0301cole", "ecole"}, // already decomposed
		{"한국어", "한국어"},           // NFD splits Hangul; NFC must put it back
		{"O'Brien & Co. 2024", "o'brien & co. 2024"},
		{"MiXeD ASCII 123 !?", "mixed ascii 123 !?"},
		{"naïve café", "naive cafe"},
	}
	for _, tc := range tests {
		if got := fold.String(tc.in); got != tc.want {
			t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStringMatchesAcrossForms(t *testing.T) {
	// What people type must fold to the same key as the stored spelling.
	pairs := [][2]string{
		{"Zoë Ångström", "zoe angstrom"},
		{"ZOË", "zoë"},
		{"Renée", "Rene\u0301e"}, // precomposed and decomposed
		{"Straße", "STRASSE"},
		{"Łukasz", "lukasz"},
	}
	for _, p := range pairs {
		if a, b := fold.String(p[0]), fold.String(p[1]); a != b {
			t.Errorf("String(%q) = %q but String(%q) = %q", p[0], a, p[1], b)
		}
	}
}

func TestStringIdempotent(t *testing.T) {
	for _, s := range []string{"Zoë Ångström", "STRAẞE", "Þórr", "ΟΔΟΣ", "plain"} {
		once := fold.String(s)
		if twice := fold.String(once); twice != once {
			t.Errorf("String(String(%q)) = %q, String once = %q", s, twice, once)
		}
	}
}

func TestStringConcurrent(t *testing.T) {
	// The pooled transformers must never be used by two goroutines at once; -race checks.
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for range 200 {
				if got := fold.String("Zoë Ångström"); got != "zoe angstrom" {
					t.Errorf("String = %q", got)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ,;- ", nil},
		{"Zoë Ångström", []string{"zoe", "angstrom"}},
		{"O'Brien", []string{"obrien"}},
		{"O’Brien", []string{"obrien"}},
		{"don't stop", []string{"dont", "stop"}},
		{"Jean-Luc Picard", []string{"jean", "luc", "picard"}},
		{"  Annual   general\tmeeting\n2024 ", []string{"annual", "general", "meeting", "2024"}},
		{"Tom & Jerry, Inc.", []string{"tom", "jerry", "inc"}},
		{"Straße Łódź", []string{"strasse", "lodz"}},
		{"'quoted'", []string{"quoted"}},
		{"Ελληνικά", []string{"ελληνικα"}},
		{"e-mail@example.org", []string{"e", "mail", "example", "org"}},
	}
	for _, tc := range tests {
		if got := fold.Words(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Words(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestInitial(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", "#"},
		{"   ", "#"},
		{"anna", "A"},
		{"Bob", "B"},
		{"Émile", "E"},
		{"E\u0301mile", "E"},
		{"Łukasz", "L"},
		{"Ørsted", "O"},
		{"Æthelred", "A"},
		{"Þóra", "T"},
		{"ßlike", "S"},
		{"  'Orla", "O"},
		{"(Ziggy)", "Z"},
		{"42 Club", "#"},
		{"Москва", "#"},
		{"李", "#"},
		{"-", "#"},
	}
	for _, tc := range tests {
		if got := fold.Initial(tc.in); got != tc.want {
			t.Errorf("Initial(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

var sink string

func BenchmarkString(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"ASCII", "Annual General Meeting of the Guild, 2024"},
		{"ASCIILower", "annual general meeting of the guild, 2024"},
		{"Accented", "Zoë Ångström, Łukasz Nowak et Crème Brûlée à Øresund"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = fold.String(bc.in)
			}
		})
	}
}
