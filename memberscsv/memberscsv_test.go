package memberscsv_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/memberscsv"
)

func TestReadsAGoodFile(t *testing.T) {
	file := "\ufeffName,Email,Plan,Joined At,expires_at,credentials,BIO,phone,sortName,avatarUrl,cancelledAt\n" +
		"Ada Lovelace,ada@example.org,Professional,2019-03-01,2027-03-01,\"MSc, FRSA\",\"<p>Counts, \"\"mostly\"\"</p>\",+44 20 7946 0000,\"Lovelace, Ada\",https://img.example/ada.jpg,\n" +
		"\n" +
		"Zoë Ørsted,zoe@example.org,,,,,,,,,\n" +
		"Bob Old,bob@example.org,student,2015-09-01T09:00:00Z,2016-09-01,,,,,,2016-01-15\n"
	rows, err := memberscsv.Read(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	ada := rows[0]
	if ada.Line != 2 || ada.Name != "Ada Lovelace" || ada.Plan != "professional" || ada.Credentials != "MSc, FRSA" ||
		ada.Bio != `<p>Counts, "mostly"</p>` || ada.SortName != "Lovelace, Ada" || ada.Phone != "+44 20 7946 0000" {
		t.Errorf("ada = %+v", ada)
	}
	if !ada.JoinedAt.Equal(time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC)) || !ada.ExpiresAt.Equal(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)) || ada.CancelledAt != nil {
		t.Errorf("ada's dates %v %v %v", ada.JoinedAt, ada.ExpiresAt, ada.CancelledAt)
	}
	if rows[1].Line != 4 || rows[1].Plan != "" || rows[1].JoinedAt != nil {
		t.Errorf("zoë = %+v", rows[1])
	}
	if rows[2].CancelledAt == nil || !rows[2].JoinedAt.Equal(time.Date(2015, 9, 1, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("bob = %+v", rows[2])
	}
}

func TestSemicolons(t *testing.T) {
	rows, err := memberscsv.Read(strings.NewReader("name;email;plan;joinedAt\r\nAda;ada@example.org;student;2020-01-31\r\n"))
	if err != nil || len(rows) != 1 || rows[0].Plan != "student" {
		t.Fatalf("rows %+v, err %v", rows, err)
	}
}

// A file with bad rows is refused whole, with every error by line.
func TestEveryErrorByLine(t *testing.T) {
	file := "name,email,plan,joinedAt,expiresAt,phone,avatarUrl\n" +
		"Good Person,good@example.org,student,2020-01-01,2021-01-01,,\n" + // 2
		",no-at-sign,,,,,\n" + // 3
		"Dates Wrong,d@example.org,student,01/02/2020,2019-01-01,,\n" + // 4
		"Backwards,b@example.org,student,2020-01-01,2019-01-01,,\n" + // 5
		"No Plan,np@example.org,,2020-01-01,,,\n" + // 6
		"Dup,GOOD@example.org,,,,,\n" + // 7
		"Short,s@example.org\n" + // 8
		"Phone,p@example.org,,,,call me,javascript:alert(1)\n" // 9
	rows, err := memberscsv.Read(strings.NewReader(file))
	if rows != nil {
		t.Errorf("rows returned from a bad file: %d", len(rows))
	}
	var problems memberscsv.Problems
	if !errors.As(err, &problems) {
		t.Fatalf("err %v", err)
	}
	want := []string{
		"line 3, name: is required",
		`line 3, email: "no-at-sign" is not an email address`,
		`line 4, joinedAt: "01/02/2020" is not a date (write 2019-03-01 or 2019-03-01T09:00:00Z)`,
		"line 4, joinedAt: is required with a plan",
		"line 5, expiresAt: must be after joinedAt",
		"line 6, plan: is required when the row has membership dates",
		"line 7, email: GOOD@example.org is also on line 2",
		"line 8: 2 fields, but the header names 7 columns",
		`line 9, phone: "call me" is not a phone number`,
		"line 9, avatarUrl: must be an http or https URL",
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(err.Error(), "nothing was imported") {
		t.Errorf("message %q", err)
	}
}

func TestBadHeaders(t *testing.T) {
	for name, tc := range map[string]struct{ file, want string }{
		"empty":          {"", "line 1: the file is empty"},
		"unknown column": {"name,email,shoe size\n", `unknown column "shoe size"`},
		"no email":       {"name,plan\n", `no "email" column`},
		"twice":          {"name,email,Email\n", `column "Email" appears twice`},
		"bad quoting":    {"name,email\n\"Ada,ada@example.org\nBob,\"b\"x\n", "not valid CSV"},
	} {
		_, err := memberscsv.Read(strings.NewReader(tc.file))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want %q", name, err, tc.want)
		}
	}
}
