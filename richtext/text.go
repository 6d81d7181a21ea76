package richtext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// breakKind is the separator owed between two pieces of text. Kinds are ordered so that the
// strongest pending break wins: "</p><p>" and "</li></ul><p>" each yield one break, never a
// stack of blank lines.
type breakKind int

const (
	noBreak    breakKind = iota
	spaceBreak           // words in the same line: whitespace, table cells
	lineBreak            // br, list items, table rows, captions
	paraBreak            // paragraphs, headings, quotes, lists, pre, figures, hr
)

// blockBreaks says which break an element puts around its content. Inline elements are not
// listed: "<b>bold</b>er" is one word, as the reader sees it.
var blockBreaks = map[string]breakKind{
	"p": paraBreak, "h1": paraBreak, "h2": paraBreak, "h3": paraBreak, "h4": paraBreak,
	"h5": paraBreak, "h6": paraBreak, "blockquote": paraBreak, "pre": paraBreak,
	"ul": paraBreak, "ol": paraBreak, "table": paraBreak, "figure": paraBreak,
	"hr": paraBreak, "div": paraBreak, "section": paraBreak, "article": paraBreak,
	"header": paraBreak, "footer": paraBreak, "aside": paraBreak, "nav": paraBreak,
	"dl": paraBreak, "details": paraBreak, "address": paraBreak,
	"li": lineBreak, "br": lineBreak, "tr": lineBreak, "caption": lineBreak,
	"figcaption": lineBreak, "dt": lineBreak, "dd": lineBreak, "summary": lineBreak,
	"thead": lineBreak, "tbody": lineBreak, "tfoot": lineBreak,
	"td": spaceBreak, "th": spaceBreak, "img": spaceBreak,
}

// hiddenElements have content that is not text a reader sees. Sanitised HTML has none of them,
// but PlainText does not rely on that: counting a script's source as words would be wrong
// wherever the HTML came from.
var hiddenElements = map[string]bool{
	"script": true, "style": true, "template": true, "noscript": true, "title": true,
	"textarea": true, "iframe": true, "object": true, "svg": true, "math": true,
}

// PlainText returns the text content of cleanHTML as a reader would see it: entities decoded,
// whitespace collapsed to single spaces, block elements separated (paragraphs, headings,
// lists and the like by a blank line, list items, rows and <br> by a newline, table cells by a
// space), and no leading or trailing whitespace. "<p>a</p><p>b</p>" is "a\n\nb".
//
// Line breaks inside <pre> are kept as single newlines but other layout is not: the result is
// meant for search, counting and excerpts, not for reproducing code.
func PlainText(cleanHTML string) string {
	var (
		out     strings.Builder
		pending breakKind
		hidden  int // depth inside hiddenElements
		pre     int // depth inside <pre>
	)
	out.Grow(len(cleanHTML) / 2)
	owe := func(k breakKind) {
		if k > pending {
			pending = k
		}
	}
	z := html.NewTokenizer(strings.NewReader(cleanHTML))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// io.EOF, or malformed input the tokenizer gave up on: either way what was read
			// so far is the text.
			return out.String()
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			nameBytes, _ := z.TagName()
			name := string(nameBytes)
			if hiddenElements[name] {
				switch {
				case tt == html.StartTagToken:
					hidden++
				case tt == html.EndTagToken && hidden > 0:
					hidden--
				}
				continue
			}
			if name == "pre" {
				switch {
				case tt == html.StartTagToken:
					pre++
				case tt == html.EndTagToken && pre > 0:
					pre--
				}
			}
			owe(blockBreaks[name])
		case html.TextToken:
			if hidden > 0 {
				continue
			}
			// Text() decodes entities, so "&amp;" is "&" and "&nbsp;" is U+00A0, which
			// unicode.IsSpace treats as whitespace.
			for _, r := range string(z.Text()) {
				if unicode.IsSpace(r) {
					if r == '\n' && pre > 0 {
						owe(lineBreak)
					} else {
						owe(spaceBreak)
					}
					continue
				}
				if out.Len() > 0 {
					switch pending {
					case spaceBreak:
						out.WriteByte(' ')
					case lineBreak:
						out.WriteByte('\n')
					case paraBreak:
						out.WriteString("\n\n")
					}
				}
				pending = noBreak
				out.WriteRune(r)
			}
		}
	}
}

// isWordRune reports whether r can make up a word: a letter or digit in any script.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isJoiner reports whether r, standing between two word runes, joins them into one word:
// apostrophes ("don't", "l’été") and hyphens ("well-known").
func isJoiner(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u02BC', // apostrophe, right single quote, modifier apostrophe
		'-', '\u2010', '\u2011': // hyphen-minus, hyphen, non-breaking hyphen
		return true
	}
	return false
}

// nextWord finds the first word in s at or after byte offset from and returns its byte range.
// A word is a run of letters and digits; combining marks continue it (decomposed accents), and
// a single apostrophe or hyphen between two word runes does not end it.
func nextWord(s string, from int) (start, end int, ok bool) {
	i := from
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			break
		}
		i += n
	}
	if i >= len(s) {
		return 0, 0, false
	}
	start = i
scan:
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r) || unicode.IsMark(r):
			i += n
		case isJoiner(r):
			next, _ := utf8.DecodeRuneInString(s[i+n:]) // RuneError at the end of s
			if !isWordRune(next) {
				break scan
			}
			i += n
		default:
			break scan
		}
	}
	return start, i, true
}

// CountWords returns the number of words in text. A word is a run of letters and digits in any
// script; an apostrophe or hyphen inside a word keeps it one word ("don't", "well-known"), and
// punctuation, symbols and whitespace separate words.
func CountWords(text string) int {
	n := 0
	for i := 0; ; {
		_, end, ok := nextWord(text, i)
		if !ok {
			return n
		}
		n++
		i = end
	}
}

// Ellipsis marks an excerpt that was cut short.
const Ellipsis = "…"

// Excerpt returns the first maxWords words of text (as CountWords counts them) on a single
// line, with whitespace collapsed to single spaces. When text has more words, it is cut right
// after the last word kept, never inside a word, and Ellipsis is appended; otherwise the whole
// collapsed text is returned, trailing punctuation included. maxWords <= 0 gives "".
func Excerpt(text string, maxWords int) string {
	if maxWords <= 0 {
		return ""
	}
	// Collapse first so that the cut position and the result refer to the same string.
	line := strings.Join(strings.Fields(text), " ")
	end := 0
	for i := 0; i < maxWords; i++ {
		_, e, ok := nextWord(line, end)
		if !ok {
			return line
		}
		end = e
	}
	if _, _, more := nextWord(line, end); !more {
		return line
	}
	return line[:end] + Ellipsis
}
