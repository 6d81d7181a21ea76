package wpbody

import (
	"regexp"
	"strings"
)

// shortcode is one [name attrs]...[/name] found in a text, as WordPress's get_shortcode_regex
// finds it: the attributes run to the first ']', and an enclosing shortcode's content to the
// first "[/name]" after it.
type shortcode struct {
	start, end int // the whole shortcode, closing tag included
	name       string
	rawAttrs   string
	attrs      map[string]string
	positional []string
	content    string
	enclosing  bool
	// selfClosing is "[name /]".
	selfClosing bool
	// escaped is "[[name]]": WordPress shows it as the text "[name]".
	escaped bool
}

// parseShortcode reads the shortcode that starts at text[i] == '['.
func parseShortcode(text string, i int) (shortcode, bool) {
	sc := shortcode{start: i}
	j := i + 1
	doubled := j < len(text) && text[j] == '['
	if doubled {
		j++
	}
	k := j
	for k < len(text) && isNameByte(text[k], k == j) {
		k++
	}
	if k == j || k >= len(text) {
		return sc, false
	}
	// The name is followed by no word character or hyphen (?![\w-]): the loop took them all.
	sc.name = text[j:k]
	closeAt := strings.IndexByte(text[k:], ']')
	if closeAt < 0 {
		return sc, false
	}
	inside := text[k : k+closeAt]
	end := k + closeAt + 1
	if strings.HasSuffix(inside, "/") {
		sc.selfClosing = true
		inside = inside[:len(inside)-1]
	} else if closing := strings.Index(text[end:], "[/"+sc.name+"]"); closing >= 0 {
		sc.enclosing = true
		sc.content = text[end : end+closing]
		end += closing + len(sc.name) + 3
	}
	sc.rawAttrs = strings.TrimSpace(inside)
	sc.attrs, sc.positional = parseAttrs(sc.rawAttrs)
	if doubled {
		if end < len(text) && text[end] == ']' {
			sc.escaped = true
			end++
		} else {
			sc.start++ // "[[name]": the first '[' is text
		}
	}
	sc.end = end
	return sc, true
}

func isNameByte(c byte, first bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		return true
	case first:
		return false
	case c >= '0' && c <= '9', c == '_', c == '-':
		return true
	}
	return false
}

// looksLikeShortcode tells a shortcode from bracketed prose. WordPress knows which shortcodes
// its site registered; an export does not say, so a bracketed name counts when WordPress or a
// widespread plugin defines it, when it has name=value attributes, closes itself ([x /]), or
// a closing [/x] follows. "[top]", "[sic]" and "[see below]" stay text.
func (sc shortcode) looksLikeShortcode() bool {
	if sc.enclosing || sc.selfClosing || knownShortcodes[strings.ToLower(sc.name)] || len(sc.attrs) > 0 {
		return true
	}
	lower := strings.ToLower(sc.name)
	for _, prefix := range pluginPrefixes {
		if strings.HasPrefix(lower, prefix) {
			return true
		}
	}
	return false
}

// knownShortcodes are WordPress's own and those of widespread plugins and hosts.
var knownShortcodes = map[string]bool{
	"caption": true, "wp_caption": true, "gallery": true, "playlist": true, "audio": true, "video": true, "embed": true,
	"youtube": true, "vimeo": true, "soundcloud": true, "tweet": true, "twitter": true, "instagram": true, "googlemaps": true,
	"wpvideo": true, "slideshare": true, "spotify": true, "dailymotion": true, "polldaddy": true, "recipe": true,
	"contact-form": true, "contact-form-7": true, "gravityform": true, "gravityforms": true, "ninja_form": true,
	"wpforms": true, "mc4wp_form": true, "simple-links": true, "column": true, "one_half": true, "one_third": true,
	"two_third": true, "one_fourth": true, "three_fourth": true, "button": true, "toc": true, "footnote": true,
}

// pluginPrefixes are the name prefixes of page-builder shortcodes (WPBakery, Divi, Avada,
// Shortcodes Ultimate).
var pluginPrefixes = []string{"vc_", "et_pb_", "fusion_", "su_"}

// attrPattern is shortcode_parse_atts's: name="v", name='v', name=v, "v", 'v' or v.
var attrPattern = regexp.MustCompile(`([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)`)

func parseAttrs(s string) (map[string]string, []string) {
	attrs := map[string]string{}
	var positional []string
	s = strings.NewReplacer("\u00a0", " ", "\u200b", " ").Replace(s)
	for _, m := range attrPattern.FindAllStringSubmatch(s+" ", -1) {
		switch {
		case m[1] != "":
			attrs[strings.ToLower(m[1])] = m[2]
		case m[3] != "":
			attrs[strings.ToLower(m[3])] = m[4]
		case m[5] != "":
			attrs[strings.ToLower(m[5])] = m[6]
		case m[7] != "" || strings.HasPrefix(m[0], `"`):
			positional = append(positional, m[7])
		case m[8] != "" || strings.HasPrefix(m[0], `'`):
			positional = append(positional, m[8])
		default:
			positional = append(positional, m[9])
		}
	}
	return attrs, positional
}

// shortcodeUnautop is WordPress's shortcode_unautop: a shortcode alone in a paragraph (as
// Autop leaves "[gallery]" on a line of its own) is taken out of the <p>, so that what it
// becomes (a <figure>) is not inside a paragraph.
func shortcodeUnautop(text string) string {
	if !strings.Contains(text, "<p>") || !strings.Contains(text, "[") {
		return text
	}
	var b strings.Builder
	done := 0
	for i := 0; ; {
		p := strings.Index(text[i:], "<p>")
		if p < 0 {
			break
		}
		p += i
		j := skipSpaces(text, p+3)
		if j >= len(text) || text[j] != '[' {
			i = p + 3
			continue
		}
		sc, ok := parseShortcode(text, j)
		if !ok || sc.start != j || sc.escaped || !sc.looksLikeShortcode() {
			i = p + 3
			continue
		}
		k := skipSpaces(text, sc.end)
		if !strings.HasPrefix(text[k:], "</p>") {
			i = p + 3
			continue
		}
		b.WriteString(text[done:p])
		b.WriteString(text[j:sc.end])
		done = k + 4
		// A newline after the paragraph stays, as the original's (?:\s*\n)? leaves it.
		i = done
	}
	if done == 0 {
		return text
	}
	b.WriteString(text[done:])
	return b.String()
}

// skipSpaces skips wp_spaces_regexp's spaces: whitespace, no-break spaces and &nbsp;.
func skipSpaces(text string, i int) int {
	for i < len(text) {
		switch {
		case text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r':
			i++
		case strings.HasPrefix(text[i:], "\u00a0"):
			i += len("\u00a0")
		case strings.HasPrefix(text[i:], "&nbsp;"):
			i += len("&nbsp;")
		default:
			return i
		}
	}
	return i
}
