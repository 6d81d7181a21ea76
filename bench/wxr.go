package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
)

// writeWXR writes the benchmark's content (the same generator, the same day's content) as a
// WordPress export, to measure `server import wordpress` on it: members become wp:authors,
// posts items (published as publish, scheduled as future, drafts as draft, archived as
// private), tags post_tags.
func writeWXR(path string, members, posts int) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	g := newGenerator(time.Now().UTC(), members, posts)
	ms := g.members()
	g.blocks()
	logins := map[string]string{}
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Guildhall bench</title>
	<link>https://bench.example</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://bench.example</wp:base_site_url>
`)
	for i, m := range ms {
		logins[m.ID] = m.Slug
		email := ""
		if m.Email != nil {
			email = *m.Email
		}
		fmt.Fprintf(w, "\t<wp:author><wp:author_id>%d</wp:author_id><wp:author_login>%s</wp:author_login><wp:author_email>%s</wp:author_email><wp:author_display_name>%s</wp:author_display_name></wp:author>\n",
			i+1, cdata(m.Slug), cdata(email), cdata(m.Name))
	}
	now := time.Now()
	for start := 0; start < posts; start += postChunk {
		for i, p := range g.posts(start, min(start+postChunk, posts)) {
			status := "publish"
			switch {
			case p.Status == guildhall.PostDraft:
				status = "draft"
			case p.Status == guildhall.PostArchived:
				status = "private"
			case p.PublishedAt.After(now):
				status = "future"
			}
			date := p.CreatedAt
			if p.PublishedAt != nil {
				date = *p.PublishedAt
			}
			id := start + i + 1
			fmt.Fprintf(w, "\t<item>\n\t\t<title>%s</title>\n\t\t<link>https://bench.example/%s/</link>\n\t\t<dc:creator>%s</dc:creator>\n\t\t<guid isPermaLink=\"false\">https://bench.example/?p=%d</guid>\n",
				cdata(p.Title), p.Slug, cdata(logins[p.AuthorID]), id)
			fmt.Fprintf(w, "\t\t<content:encoded>%s</content:encoded>\n\t\t<wp:post_id>%d</wp:post_id>\n\t\t<wp:post_date_gmt>%s</wp:post_date_gmt>\n\t\t<wp:post_name>%s</wp:post_name>\n\t\t<wp:status>%s</wp:status>\n\t\t<wp:post_type>post</wp:post_type>\n",
				cdata(p.Body.HTML()), id, date.Format("2006-01-02 15:04:05"), p.Slug, status)
			for _, t := range p.Tags {
				fmt.Fprintf(w, "\t\t<category domain=\"post_tag\" nicename=\"%s\">%s</category>\n", asciiSlug(t), cdata(t))
			}
			fmt.Fprint(w, "\t</item>\n")
		}
	}
	fmt.Fprint(w, "</channel>\n</rss>\n")
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// cdata wraps s in CDATA sections, splitting any "]]>" it holds.
func cdata(s string) string {
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}
