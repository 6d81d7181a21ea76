package wpbody

import (
	"regexp"
	"strconv"
	"strings"
)

// Autop is WordPress's wpautop (wp-includes/formatting.php, as of WordPress 6): double line
// breaks become paragraphs and single ones <br />, around and between block-level elements
// by its rules. It is ported rule by rule, in the original's order, so that a post reads as
// it did on the WordPress site; where PCRE has what Go's regexp lacks (look-behind, back
// references) the step is written out by hand with the same effect.
func Autop(text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	// Just to make things a little easier, pad the end.
	text += "\n"

	// <pre> elements are not touched: they are replaced by placeholders and put back at the end.
	var preTags []string
	if strings.Contains(text, "<pre") {
		parts := strings.Split(text, "</pre>")
		last := parts[len(parts)-1]
		var b strings.Builder
		for _, part := range parts[:len(parts)-1] {
			start := strings.Index(part, "<pre")
			if start < 0 { // malformed HTML
				b.WriteString(part)
				continue
			}
			b.WriteString(part[:start])
			b.WriteString(prePlaceholder(len(preTags)))
			preTags = append(preTags, part[start:]+"</pre>")
		}
		b.WriteString(last)
		text = b.String()
	}
	// Multiple <br>s become two line breaks, which become paragraphs.
	text = reDoubleBr.ReplaceAllString(text, "\n\n")
	// A double line break above block-level opening tags and below closing ones, and after <hr>.
	text = reBlockOpen.ReplaceAllString(text, "\n\n${1}")
	text = reBlockClose.ReplaceAllString(text, "${1}\n\n")
	text = reHr.ReplaceAllString(text, "${1}\n\n")
	// Standardise newlines.
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
	// Newlines inside tags (and comments) are kept out of the way.
	text = replaceInHTMLTags(text, "\n", " <!-- wpnl --> ")

	if strings.Contains(text, "<option") {
		text = reOptionBefore.ReplaceAllString(text, "<option")
		text = reOptionAfter.ReplaceAllString(text, "</option>")
	}
	if strings.Contains(text, "</object>") {
		text = reObjectOpen.ReplaceAllString(text, "${1}")
		text = reObjectClose.ReplaceAllString(text, "</object>")
		text = reParamEmbed.ReplaceAllString(text, "${1}")
	}
	if strings.Contains(text, "<source") || strings.Contains(text, "<track") {
		text = reMediaOpen.ReplaceAllString(text, "${1}")
		text = reMediaClose.ReplaceAllString(text, "${1}")
		text = reSourceTrack.ReplaceAllString(text, "${1}")
	}
	if strings.Contains(text, "<figcaption") {
		text = reFigcaptionOpen.ReplaceAllString(text, "${1}")
		text = reFigcaptionClose.ReplaceAllString(text, "</figcaption>")
	}
	// No more than two contiguous line breaks.
	text = reManyBreaks.ReplaceAllString(text, "\n\n")

	// Every chunk between double line breaks becomes a paragraph.
	var b strings.Builder
	for _, p := range reParagraphSplit.Split(text, -1) {
		if p == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.Trim(p, "\n"))
		b.WriteString("</p>\n")
	}
	text = b.String()

	text = reEmptyP.ReplaceAllString(text, "")
	text = reUnclosedP.ReplaceAllString(text, "<p>${1}</p></${2}>")
	text = reWrappedBlock.ReplaceAllString(text, "${1}")
	text = reWrappedLi.ReplaceAllString(text, "${1}")
	text = reWrappedBlockquote.ReplaceAllString(text, "<blockquote${1}><p>")
	text = strings.ReplaceAll(text, "</blockquote></p>", "</p></blockquote>")
	text = rePBeforeBlock.ReplaceAllString(text, "${1}")
	text = rePAfterBlock.ReplaceAllString(text, "${1}")

	// Remaining single line breaks become <br />, except inside script, style, svg and math.
	text = preserveNewlines(text)
	text = strings.NewReplacer("<br>", "<br />", "<br/>", "<br />").Replace(text)
	text = breakLines(text)
	text = strings.ReplaceAll(text, "<WPPreserveNewline />", "\n")

	text = reBrAfterBlock.ReplaceAllString(text, "${1}")
	text = reBrBeforeBlock.ReplaceAllString(text, "${1}")
	text = reTrailingNewlineP.ReplaceAllString(text, "</p>${1}")

	for i, pre := range preTags {
		text = strings.Replace(text, prePlaceholder(i), pre, 1)
	}
	if strings.Contains(text, "<!-- wpnl -->") {
		text = strings.NewReplacer(" <!-- wpnl --> ", "\n", "<!-- wpnl -->", "\n").Replace(text)
	}
	return text
}

func prePlaceholder(i int) string { return "<pre wp-pre-tag-" + strconv.Itoa(i) + "></pre>" }

// allBlocks are the elements wpautop treats as blocks.
const allBlocks = `(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)`

var (
	reDoubleBr          = regexp.MustCompile(`<br\s*/?>\s*<br\s*/?>`)
	reBlockOpen         = regexp.MustCompile(`(<` + allBlocks + `[\s/>])`)
	reBlockClose        = regexp.MustCompile(`(</` + allBlocks + `>)`)
	reHr                = regexp.MustCompile(`(<hr\s*?/?>)`)
	reOptionBefore      = regexp.MustCompile(`\s*<option`)
	reOptionAfter       = regexp.MustCompile(`</option>\s*`)
	reObjectOpen        = regexp.MustCompile(`(<object[^>]*>)\s*`)
	reObjectClose       = regexp.MustCompile(`\s*</object>`)
	reParamEmbed        = regexp.MustCompile(`\s*(</?(?:param|embed)[^>]*>)\s*`)
	reMediaOpen         = regexp.MustCompile(`([<\[](?:audio|video)[^>\]]*[>\]])\s*`)
	reMediaClose        = regexp.MustCompile(`\s*([<\[]/(?:audio|video)[>\]])`)
	reSourceTrack       = regexp.MustCompile(`\s*(<(?:source|track)[^>]*>)\s*`)
	reFigcaptionOpen    = regexp.MustCompile(`\s*(<figcaption[^>]*>)`)
	reFigcaptionClose   = regexp.MustCompile(`</figcaption>\s*`)
	reManyBreaks        = regexp.MustCompile(`\n\n+`)
	reParagraphSplit    = regexp.MustCompile(`\n\s*\n`)
	reEmptyP            = regexp.MustCompile(`<p>\s*</p>`)
	reUnclosedP         = regexp.MustCompile(`<p>([^<]+)</(div|address|form)>`)
	reWrappedBlock      = regexp.MustCompile(`<p>\s*(</?` + allBlocks + `[^>]*>)\s*</p>`)
	reWrappedLi         = regexp.MustCompile(`<p>(<li.+?)</p>`)
	reWrappedBlockquote = regexp.MustCompile(`(?i)<p><blockquote([^>]*)>`)
	rePBeforeBlock      = regexp.MustCompile(`<p>\s*(</?` + allBlocks + `[^>]*>)`)
	rePAfterBlock       = regexp.MustCompile(`(</?` + allBlocks + `[^>]*>)\s*</p>`)
	reBrAfterBlock      = regexp.MustCompile(`(</?` + allBlocks + `[^>]*>)\s*<br />`)
	reBrBeforeBlock     = regexp.MustCompile(`<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`)
	// PHP's $ also matches before a final newline.
	reTrailingNewlineP = regexp.MustCompile(`\n</p>(\n?)$`)
)

// replaceInHTMLTags is wp_replace_in_html_tags with one pair: it replaces old with new inside
// HTML tags, comments and CDATA sections only (wp_html_split's elements), not in text.
func replaceInHTMLTags(text, old, new string) string {
	if !strings.Contains(text, old) {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		lt := strings.IndexByte(text[i:], '<')
		if lt < 0 {
			b.WriteString(text[i:])
			break
		}
		b.WriteString(text[i : i+lt])
		start := i + lt
		end := elementEnd(text, start)
		b.WriteString(strings.ReplaceAll(text[start:end], old, new))
		i = end
	}
	return b.String()
}

// elementEnd is where the element starting with '<' at start ends, by get_html_split_regex:
// a comment runs to "-->", a CDATA section to "]]>", anything else to the next '>'; each to
// the end of the text when unterminated.
func elementEnd(text string, start int) int {
	rest := text[start+1:]
	var closer string
	switch {
	case strings.HasPrefix(rest, "!--"):
		closer, rest = "-->", rest[1:]
	case strings.HasPrefix(rest, "![CDATA["):
		closer, rest = "]]>", rest[8:]
	default:
		if gt := strings.IndexByte(rest, '>'); gt >= 0 {
			return start + 1 + gt + 1
		}
		return len(text)
	}
	if k := strings.Index(rest, closer); k >= 0 {
		return len(text) - len(rest) + k + len(closer)
	}
	return len(text)
}

// preserveNewlines is preg_replace_callback('/<(script|style|svg|math).*?<\/\1>/s', ...):
// newlines inside those elements become placeholders so they do not turn into <br />.
func preserveNewlines(text string) string {
	var b strings.Builder
	done := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '<' {
			continue
		}
		for _, name := range [...]string{"script", "style", "svg", "math"} {
			if !strings.HasPrefix(text[i+1:], name) {
				continue
			}
			closeAt := strings.Index(text[i+1+len(name):], "</"+name+">")
			if closeAt < 0 {
				continue
			}
			end := i + 1 + len(name) + closeAt + len(name) + 3
			b.WriteString(text[done:i])
			b.WriteString(strings.ReplaceAll(text[i:end], "\n", "<WPPreserveNewline />"))
			done = end
			i = end - 1
			break
		}
	}
	if done == 0 {
		return text
	}
	b.WriteString(text[done:])
	return b.String()
}

// breakLines is preg_replace('|(?<!<br />)\s*\n|', "<br />\n", ...): a run of whitespace
// ending in a newline becomes <br /> and that newline, unless a <br /> comes right before it.
// Where the look-behind fails at the run's first character, PCRE tries again at the next one,
// which a <br /> no longer precedes; so does this.
func breakLines(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); {
		if !isPCRESpace(text[i]) {
			b.WriteByte(text[i])
			i++
			continue
		}
		if strings.HasSuffix(text[:i], "<br />") {
			b.WriteByte(text[i])
			i++
			continue
		}
		j := i
		for j < len(text) && isPCRESpace(text[j]) {
			j++
		}
		last := strings.LastIndexByte(text[i:j], '\n')
		if last < 0 {
			b.WriteString(text[i:j])
			i = j
			continue
		}
		b.WriteString("<br />\n")
		i += last + 1
	}
	return b.String()
}

// isPCRESpace is PCRE's \s without the u flag: ASCII whitespace, vertical tab included.
func isPCRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}
