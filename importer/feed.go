package importer

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/guildhall/guildhall"
)

// FeedOptions are the choices of a feed import.
type FeedOptions struct {
	// Client fetches a feed given by URL; nil is a client with a 30-second timeout.
	Client *http.Client
	// MaxBytes bounds the feed read (default 32 MiB).
	MaxBytes int64
	Progress Progress
	Now      func() time.Time
}

// Feed imports the items of an RSS, Atom or JSON feed, from a file or an http(s) URL, as
// published posts at their dates. Authors are matched like a WordPress import's (by email,
// else by name within the feed); items by their GUID (else their link), so importing the
// feed again changes only what changed.
func Feed(ctx context.Context, svc Service, source string, opts FeedOptions) (*Summary, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxBytes == 0 {
		opts.MaxBytes = 32 << 20
	}
	body, err := openFeed(ctx, source, opts)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	limited := &io.LimitedReader{R: body, N: opts.MaxBytes + 1}
	feed, err := gofeed.NewParser().Parse(limited)
	if limited.N <= 0 {
		return nil, fmt.Errorf("%s: larger than %d MiB; nothing was imported", source, opts.MaxBytes>>20)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not a feed gofeed can read (%v); nothing was imported", source, err)
	}
	site := feed.Link
	if site == "" {
		site = feed.FeedLink
	}
	if site == "" {
		site = source
	}
	sum := newSummary(fmt.Sprintf("%s (%s %s, %q)", source, feed.FeedType, feed.FeedVersion, feed.Title))
	members := map[string]string{}
	for i, it := range feed.Items {
		item := fmt.Sprintf("item %d %q", i+1, plainText(it.Title))
		key := strings.TrimSpace(it.GUID)
		if key == "" {
			key = strings.TrimSpace(it.Link)
		}
		if key == "" {
			sum.skip(item, "no GUID and no link: it could not be found again")
			continue
		}
		person := firstPerson(it.Authors, feed.Authors)
		name, email := feed.Title, ""
		if person != nil {
			name, email = person.Name, person.Email
			if name == "" {
				name = email
			}
		}
		author, ok := members[name+"\x00"+email]
		if !ok {
			if author, err = authorMember(ctx, svc, sum, "feed-author:"+site+":"+name, plainText(name), email); err != nil {
				return sum, fmt.Errorf("%s: author %s: %w", item, name, err)
			}
			members[name+"\x00"+email] = author
		}
		date := opts.Now().UTC()
		if it.PublishedParsed != nil {
			date = it.PublishedParsed.UTC()
		} else if it.UpdatedParsed != nil {
			date = it.UpdatedParsed.UTC()
		}
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		in := guildhall.ImportPostInput{
			ID: guildhall.ImportID(guildhall.KindPost, date, "feed:"+key), Title: plainText(it.Title), Body: body,
			AuthorID: author, Status: guildhall.PostPublished, Visibility: guildhall.VisibilityPublic,
			PublishedAt: &date, CreatedAt: date, UpdatedAt: date, Tags: it.Categories,
		}
		if it.UpdatedParsed != nil && it.UpdatedParsed.After(date) {
			in.UpdatedAt = it.UpdatedParsed.UTC()
		}
		if p, ok := guildhall.OldPath(it.Link); ok && p != "/" && sameSite(it.Link, site) {
			in.OldPaths = []string{p}
		}
		res, err := svc.ImportPost(ctx, in)
		if err != nil {
			return sum, fmt.Errorf("%s: %w", item, err)
		}
		sum.add(item, res)
		if opts.Progress != nil {
			opts.Progress(i+1, len(feed.Items))
		}
	}
	return sum, nil
}

func firstPerson(lists ...[]*gofeed.Person) *gofeed.Person {
	for _, l := range lists {
		for _, p := range l {
			if p != nil && (p.Name != "" || p.Email != "") {
				return p
			}
		}
	}
	return nil
}

// openFeed opens a file, or fetches an http(s) URL.
func openFeed(ctx context.Context, source string, opts FeedOptions) (io.ReadCloser, error) {
	if !strings.HasPrefix(source, "http://") && !strings.HasPrefix(source, "https://") {
		return os.Open(source)
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, source, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", source, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("fetch %s: %s", source, resp.Status)
	}
	return resp.Body, nil
}
