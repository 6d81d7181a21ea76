// Package memberscsv reads a members spreadsheet saved as CSV: one member a row, under a
// header row naming the columns. Every row is checked before any is returned, so a file with
// errors is refused whole, with each error by line.
//
// Columns (case, spaces and underscores in the names do not matter; only name and email are
// required; any order):
//
//	name          the member's name, as shown
//	email         unique; matches an existing member
//	sortName      "Family, Given"; guessed from the name when empty
//	phone         digits, spaces and + - ( ) .
//	credentials   letters after the name, e.g. "MSc, FRSA"
//	bio           plain text or HTML
//	avatarUrl     an http(s) URL
//	plan          a plan code (professional, student, ...); empty: no membership
//	joinedAt      when the membership began: 2019-03-01 or 2019-03-01T09:00:00Z (required with a plan)
//	expiresAt     when it runs out (default: joinedAt plus the plan's term, renewed to today)
//	cancelledAt   when it was cancelled, if it was
//
// The file is UTF-8 (a byte-order mark is skipped), separated by commas, or by semicolons as
// spreadsheets in many European locales save it.
package memberscsv

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Row is one member of the file.
type Row struct {
	// Line is the row's line in the file, for messages.
	Line        int
	Name        string
	Email       string
	SortName    string
	Phone       string
	Credentials string
	Bio         string
	AvatarURL   string
	Plan        string
	JoinedAt    *time.Time
	ExpiresAt   *time.Time
	CancelledAt *time.Time
}

// Problem is one error in the file.
type Problem struct {
	Line    int
	Column  string // "" for the whole row or file
	Message string
}

func (p Problem) String() string {
	if p.Column == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Message)
	}
	return fmt.Sprintf("line %d, %s: %s", p.Line, p.Column, p.Message)
}

// Problems is the error of a file with errors: every one found, in line order.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return fmt.Sprintf("%d errors in the file; nothing was imported:\n%s", len(ps), strings.Join(lines, "\n"))
}

// Limits on a file, so that a mistaken file (a database dump, a binary) fails fast.
const (
	MaxRows       = 100_000
	maxNameRunes  = 200
	maxFieldRunes = 500
	maxBioBytes   = 16 << 10
)

// columns maps a folded header to the field it fills.
var columns = map[string]string{
	"name": "name", "email": "email", "sortname": "sortName", "phone": "phone", "credentials": "credentials",
	"bio": "bio", "avatarurl": "avatarUrl", "plan": "plan", "joinedat": "joinedAt", "expiresat": "expiresAt",
	"cancelledat": "cancelledAt",
}

func foldHeader(h string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' {
			return -1
		}
		return unicode.ToLower(r)
	}, strings.TrimSpace(h))
}

// Read reads and checks the whole file. It returns every row, or Problems listing every error.
func Read(r io.Reader) ([]Row, error) {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	first, _ := br.Peek(4096)
	header, _, _ := bytes.Cut(first, []byte("\n"))
	cr := csv.NewReader(br)
	if bytes.Count(header, []byte(";")) > bytes.Count(header, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1 // checked here, with a clearer message

	var problems Problems
	head, err := cr.Read()
	if err == io.EOF {
		return nil, Problems{{Line: 1, Message: "the file is empty; the first line must name the columns"}}
	}
	if err != nil {
		return nil, Problems{csvProblem(err, 1)}
	}
	fields := make([]string, len(head))
	seen := map[string]bool{}
	for i, h := range head {
		f, ok := columns[foldHeader(h)]
		switch {
		case !ok:
			problems = append(problems, Problem{Line: 1, Message: fmt.Sprintf("unknown column %q (the columns are name, email, sortName, phone, credentials, bio, avatarUrl, plan, joinedAt, expiresAt, cancelledAt)", h)})
		case seen[f]:
			problems = append(problems, Problem{Line: 1, Message: fmt.Sprintf("column %q appears twice", h)})
		}
		seen[f] = true
		fields[i] = f
	}
	for _, required := range []string{"name", "email"} {
		if !seen[required] {
			problems = append(problems, Problem{Line: 1, Message: fmt.Sprintf("no %q column", required)})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}

	var rows []Row
	emails := map[string]int{} // folded email -> line
	for {
		line, _ := cr.FieldPos(0)
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			problems = append(problems, csvProblem(err, line))
			break // past a quoting error the rest of the file cannot be read reliably
		}
		line, _ = cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(rows) >= MaxRows {
			problems = append(problems, Problem{Line: line, Message: fmt.Sprintf("more than %d rows", MaxRows)})
			break
		}
		if len(rec) != len(fields) {
			problems = append(problems, Problem{Line: line, Message: fmt.Sprintf("%d fields, but the header names %d columns", len(rec), len(fields))})
			continue
		}
		row, rowProblems := parseRow(line, fields, rec)
		problems = append(problems, rowProblems...)
		if row.Email != "" {
			key := strings.ToLower(row.Email)
			if before, dup := emails[key]; dup {
				problems = append(problems, Problem{Line: line, Column: "email", Message: fmt.Sprintf("%s is also on line %d", row.Email, before)})
			} else {
				emails[key] = line
			}
		}
		rows = append(rows, row)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return rows, nil
}

func csvProblem(err error, line int) Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Problem{Line: pe.Line, Message: "not valid CSV: " + pe.Err.Error()}
	}
	return Problem{Line: line, Message: err.Error()}
}

var phonePattern = regexp.MustCompile(`^\+?[0-9 ()./-]{5,30}$`)

func parseRow(line int, fields, rec []string) (Row, []Problem) {
	row := Row{Line: line}
	var problems []Problem
	bad := func(col, format string, args ...any) {
		problems = append(problems, Problem{Line: line, Column: col, Message: fmt.Sprintf(format, args...)})
	}
	for i, f := range fields {
		v := strings.TrimSpace(rec[i])
		if !utf8.ValidString(v) {
			bad(f, "is not UTF-8 text (save the file as CSV UTF-8)")
			continue
		}
		if f != "bio" && strings.ContainsFunc(v, unicode.IsControl) {
			bad(f, "must not contain control characters")
			continue
		}
		if f != "bio" && f != "name" && utf8.RuneCountInString(v) > maxFieldRunes {
			bad(f, "must be at most %d characters", maxFieldRunes)
			continue
		}
		switch f {
		case "name":
			row.Name = strings.Join(strings.Fields(v), " ")
			if row.Name == "" {
				bad(f, "is required")
			} else if utf8.RuneCountInString(row.Name) > maxNameRunes {
				bad(f, "must be at most %d characters", maxNameRunes)
			}
		case "email":
			row.Email = v
			if a, err := mail.ParseAddress(v); v == "" {
				bad(f, "is required")
			} else if err != nil || a.Address != v || !strings.Contains(v[strings.LastIndexByte(v, '@')+1:], ".") {
				bad(f, "%q is not an email address", v)
			}
		case "sortName":
			row.SortName = v
		case "phone":
			row.Phone = v
			if v != "" && !phonePattern.MatchString(v) {
				bad(f, "%q is not a phone number", v)
			}
		case "credentials":
			row.Credentials = v
		case "bio":
			row.Bio = v
			if len(v) > maxBioBytes {
				bad(f, "must be at most %d KiB", maxBioBytes>>10)
			}
		case "avatarUrl":
			row.AvatarURL = v
			if u, err := url.Parse(v); v != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
				bad(f, "must be an http or https URL")
			}
		case "plan":
			row.Plan = strings.ToLower(v)
		case "joinedAt", "expiresAt", "cancelledAt":
			t, err := parseDate(v)
			if err != nil {
				bad(f, "%q is not a date (write 2019-03-01 or 2019-03-01T09:00:00Z)", v)
			}
			switch f {
			case "joinedAt":
				row.JoinedAt = t
			case "expiresAt":
				row.ExpiresAt = t
			default:
				row.CancelledAt = t
			}
		}
	}
	if row.Plan == "" && (row.JoinedAt != nil || row.ExpiresAt != nil || row.CancelledAt != nil) {
		bad("plan", "is required when the row has membership dates")
	}
	if row.Plan != "" && row.JoinedAt == nil {
		bad("joinedAt", "is required with a plan")
	}
	if row.JoinedAt != nil && row.ExpiresAt != nil && !row.ExpiresAt.After(*row.JoinedAt) {
		bad("expiresAt", "must be after joinedAt")
	}
	if row.JoinedAt != nil && row.CancelledAt != nil && row.CancelledAt.Before(*row.JoinedAt) {
		bad("cancelledAt", "must not be before joinedAt")
	}
	return row, problems
}

// parseDate reads a date (midnight UTC) or a moment; "" is no date.
func parseDate(v string) (*time.Time, error) {
	if v == "" {
		return nil, nil
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			t = t.UTC().Truncate(time.Millisecond)
			if t.Year() < 1900 || t.Year() > 2200 {
				return nil, errors.New("out of range")
			}
			return &t, nil
		}
	}
	return nil, errors.New("not a date")
}
