package cms

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
	"github.com/guildhall/guildhall/cursor"
	"github.com/guildhall/guildhall/webhook"
)

// CreateWebhook registers an endpoint (ADMIN only).
func (s *Service) CreateWebhook(ctx context.Context, in guildhall.CreateWebhookInput) (*guildhall.Webhook, error) {
	v, err := require(ctx, guildhall.RoleAdmin)
	if err != nil {
		return nil, err
	}
	problems := guildhall.Problems{}
	u := strings.TrimSpace(in.URL)
	if len(u) > guildhall.MaxWebhookURLLength {
		problems.Add("url", "must be at most %d characters", guildhall.MaxWebhookURLLength)
	} else if err := webhook.CheckURL(u, s.opts.WebhookAllowPrivate); err != nil {
		problems.Add("url", "%s", err.Error())
	}
	var events []guildhall.WebhookEvent
	for _, e := range in.Events {
		if !e.IsValid() {
			problems.Add("events", "unknown event %q", e)
		} else if !slices.Contains(events, e) {
			events = append(events, e)
		}
	}
	if len(events) == 0 {
		problems.Add("events", "name at least one event")
	}
	switch n := utf8.RuneCountInString(in.Secret); {
	case n < guildhall.MinWebhookSecretSize || n > guildhall.MaxWebhookSecretSize:
		problems.Add("secret", "must be %d to %d characters", guildhall.MinWebhookSecretSize, guildhall.MaxWebhookSecretSize)
	case strings.ContainsFunc(in.Secret, unicode.IsControl):
		problems.Add("secret", "must not contain control characters")
	}
	if in.Description != nil && utf8.RuneCountInString(*in.Description) > guildhall.MaxNoteLength {
		problems.Add("description", "must be at most %d characters", guildhall.MaxNoteLength)
	}
	if len(s.cat().Webhooks()) >= guildhall.MaxWebhooks {
		problems.Add("url", "at most %d webhooks may be registered", guildhall.MaxWebhooks)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	now := s.now()
	w := &guildhall.Webhook{ID: guildhall.NewID(guildhall.KindWebhook, now), Version: 1, URL: u, Events: events,
		Secret: in.Secret, Description: in.Description, CreatedAt: now, CreatedBy: v.Actor()}
	if err := s.store.webhooks.SaveWebhook(ctx, w, v.Actor()); err != nil {
		return nil, err
	}
	s.write(func(c *catalog.Catalog) { c.PutWebhook(w) })
	return w, nil
}

// DeleteWebhook removes an endpoint (ADMIN only). Deliveries still pending for it are
// cancelled when they fall due; its delivery log stays.
func (s *Service) DeleteWebhook(ctx context.Context, id string) (string, error) {
	v, err := require(ctx, guildhall.RoleAdmin)
	if err != nil {
		return "", err
	}
	var w *guildhall.Webhook
	if !s.found(ctx, func() (ok bool) { w, ok = s.cat().Webhook(id); return ok }) {
		return "", guildhall.NotFound("Webhook")
	}
	if err := s.store.webhooks.DeleteWebhook(ctx, id, w.Version+1, v.Actor()); err != nil {
		return "", err
	}
	s.write(func(c *catalog.Catalog) { c.RemoveWebhook(id, w.Version+1) })
	return id, nil
}

// Webhooks lists the registered endpoints, oldest first (ADMIN only).
func (s *Service) Webhooks(ctx context.Context, first *int, after *string) (*guildhall.Page[*guildhall.Webhook], error) {
	if _, err := require(ctx, guildhall.RoleAdmin); err != nil {
		return nil, err
	}
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	return pageByID(s.cat().Webhooks(), n, deref(after), "webhooks", func(w *guildhall.Webhook) string { return w.ID })
}

// DeliveryWebhook returns the webhook a delivery went to, or nil once it is deleted.
func (s *Service) DeliveryWebhook(d *guildhall.WebhookDelivery) *guildhall.Webhook {
	w, _ := s.cat().Webhook(d.WebhookID)
	return w
}

const deliveriesOrder = "webhook-deliveries"

// WebhookDeliveries pages through the delivery log, newest first, of one webhook or of all
// (ADMIN only). Unlike other reads it queries the database: the log is long, and read rarely.
func (s *Service) WebhookDeliveries(ctx context.Context, webhookID *string, first *int, after *string) (*guildhall.Page[*guildhall.WebhookDelivery], error) {
	if _, err := require(ctx, guildhall.RoleAdmin); err != nil {
		return nil, err
	}
	n, err := guildhall.PageSize(first)
	if err != nil {
		return nil, err
	}
	before := ""
	if after != nil {
		c, err := cursor.Parse(*after, deliveriesOrder)
		if err != nil {
			return nil, guildhall.InvalidCursor()
		}
		before = c.ID
	}
	hook := deref(webhookID)
	records, more, err := s.store.deliveries.Deliveries(ctx, hook, before, n)
	if err != nil {
		return nil, err
	}
	items := make([]*guildhall.WebhookDelivery, len(records))
	for i := range records {
		items[i] = records[i].Delivery()
	}
	page := &guildhall.Page[*guildhall.WebhookDelivery]{Items: items, HasNextPage: more, HasPreviousPage: before != ""}
	page.Cursor = func(i int) string { return cursor.Cursor{Order: deliveriesOrder, ID: items[i].ID}.String() }
	return page, nil
}

// CountWebhookDeliveries counts the delivery log of one webhook or of all (ADMIN only). It is
// a database count, which can fail: apart from the page, so that a failure is an error and
// never a count of 0.
func (s *Service) CountWebhookDeliveries(ctx context.Context, webhookID *string) (int, error) {
	if _, err := require(ctx, guildhall.RoleAdmin); err != nil {
		return 0, err
	}
	return s.store.deliveries.CountDeliveries(ctx, deref(webhookID))
}

// Event is something that happened that webhook endpoints may be told of. Post is set for
// the POST_ events, Member for the MEMBER_ ones.
type Event struct {
	Type   guildhall.WebhookEvent
	Post   *guildhall.Post
	Member *guildhall.Member
	// Block is the block of a BLOCK_ event, as it is (updated) or was (deleted).
	Block guildhall.Block
	// Asset is set for the ASSET_ events.
	Asset *guildhall.Asset
	// Renewal is the renewal a MEMBER_RENEWED event is about, if known.
	Renewal *guildhall.Renewal
	// At is when the event takes effect, for a post scheduled to go live later: its
	// deliveries fall due then, and are cancelled if by then the post is no longer scheduled
	// for that moment. Zero means now.
	At time.Time
	// Key, when set, makes emitting idempotent: the event's and its deliveries' IDs derive
	// from Key and Occurred, so emitting it again (a retried request that completes a change
	// already made) records nothing new. Key names the change, for example
	// "renewal:"+idempotencyKey; Occurred is the stored time of the change.
	Key      string
	Occurred time.Time
	// Note is the editor's note of a POST_CHANGES_REQUESTED event; PendingReview marks a
	// review event about a live post's pending changes rather than about the post itself.
	Note          string
	PendingReview bool
}

// emit records one delivery of the event for each webhook subscribed to it. It is called
// after the write that caused the event is stored and before the mutation returns, so an
// event is never lost to a restart: the delivery worker (DeliverWebhooks, on any instance)
// sends it when it falls due and retries it until it is delivered or a day has passed.
//
// Post events are emitted by savePost on every change to whether a post is live; a deletion
// calls s.postEvent(ctx, cur, nil). The membership operations call it once their change is
// stored, keyed so that a retry completing the change does not announce it twice:
//
//	s.emit(ctx, Event{Type: guildhall.EventMemberRenewed, Member: m, Renewal: r,
//		Key: "renewal:" + r.IdempotencyKey, Occurred: r.RenewedAt})
//
// A failure to record is logged, not returned: the write itself has succeeded, and failing
// the mutation would only invite a retry that repeats it.
func (s *Service) emit(ctx context.Context, e Event) {
	var hooks []*guildhall.Webhook
	for _, w := range s.cat().Webhooks() {
		if w.Subscribes(e.Type) {
			hooks = append(hooks, w)
		}
	}
	if len(hooks) == 0 {
		return
	}
	now := s.now()
	due := now
	if e.At.After(now) {
		due = e.At.UTC().Truncate(time.Millisecond)
	}
	eventID := guildhall.NewID(guildhall.KindEvent, now)
	deliveryID := func(*guildhall.Webhook) string { return guildhall.NewID(guildhall.KindDelivery, now) }
	if e.Key != "" {
		at := cmp.Or(e.Occurred, now)
		eventID = guildhall.DerivedID(guildhall.KindEvent, at, string(e.Type)+"\x00"+e.Key)
		deliveryID = func(w *guildhall.Webhook) string {
			return guildhall.DerivedID(guildhall.KindDelivery, at, eventID+"\x00"+w.ID)
		}
	}
	body, err := json.Marshal(s.eventPayload(eventID, e, now, due))
	if err != nil {
		s.log.ErrorContext(ctx, "webhook payload", "event", e.Type, "err", err)
		return
	}
	queue := make([]guildhall.QueuedAttempt, 0, len(hooks))
	for _, w := range hooks {
		q := guildhall.QueuedAttempt{DeliveryID: deliveryID(w), N: 1, WebhookID: w.ID,
			EventID: eventID, Event: e.Type, Payload: string(body), DueAt: due, CreatedAt: now}
		switch {
		case !due.After(now) || e.Post == nil:
		case e.Type == guildhall.EventPostUnpublished && e.Post.UnpublishAt != nil:
			q.GuardPostID, q.GuardUnpublishAt, q.GuardVersion = e.Post.ID, e.Post.UnpublishAt, e.Post.Version
		case e.Post.PublishedAt != nil:
			q.GuardPostID, q.GuardPublishedAt, q.GuardVersion = e.Post.ID, e.Post.PublishedAt, e.Post.Version
		}
		queue = append(queue, q)
	}
	// The caller's request may be cancelled as it returns; the deliveries must still be stored.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := s.store.deliveries.EnqueueDeliveries(wctx, queue); err != nil {
		s.log.ErrorContext(ctx, "storing webhook deliveries failed; the event is not delivered", "event", e.Type, "event_id", eventID, "err", err)
	}
}

// postEvent emits what a change from prev (nil for a new post) to p (nil for a deletion)
// means for webhooks: now, and at a take-down it schedules.
func (s *Service) postEvent(ctx context.Context, prev, p *guildhall.Post) {
	now := s.now()
	if e, ok := PostEvent(prev, p, now); ok {
		s.emit(ctx, e)
	}
	if e, ok := TakeDownEvent(prev, p, now); ok {
		s.emit(ctx, e)
	}
}

// TakeDownEvent is the POST_UNPUBLISHED event of a take-down that p schedules
// (publishPost's unpublishAt), due at its time; none when p schedules none, or prev had the
// same one. It is keyed by the post and the time, so scheduling the same take-down again
// (after unpublishing and publishing again, or from another instance) queues nothing new;
// when the time comes, the delivery goes out only if the post is still due to come down
// then (the queue entry's guard), by the clock alone, with no job run at that moment.
func TakeDownEvent(prev, p *guildhall.Post, now time.Time) (Event, bool) {
	if p == nil || p.Status != guildhall.PostPublished || p.UnpublishAt == nil || !p.UnpublishAt.After(now) {
		return Event{}, false
	}
	if prev != nil && prev.Status == guildhall.PostPublished && prev.UnpublishAt != nil && prev.UnpublishAt.Equal(*p.UnpublishAt) {
		return Event{}, false // queued when prev set it
	}
	at := *p.UnpublishAt
	return Event{Type: guildhall.EventPostUnpublished, Post: p, At: at,
		Key: fmt.Sprintf("post:%s:takedown:%d", p.ID, at.UnixMilli()), Occurred: at}, true
}

// PostEvent is the event, if any, of a change from prev (nil for a new post) to p (nil for a
// deletion) at now: a post that goes live is POST_PUBLISHED, a live post that changes
// POST_UPDATED, one that stops being live (or is deleted) POST_UNPUBLISHED. A post newly
// scheduled for later is POST_PUBLISHED at its time; edits to drafts and to scheduled posts
// whose time is unchanged are no event. Each revision's event is keyed by it, so it is
// announced once.
func PostEvent(prev, p *guildhall.Post, now time.Time) (Event, bool) {
	wasLive := prev != nil && prev.IsLive(now)
	if p == nil {
		if !wasLive {
			return Event{}, false
		}
		return Event{Type: guildhall.EventPostUnpublished, Post: prev, Key: fmt.Sprintf("post:%s:deleted", prev.ID), Occurred: now}, true
	}
	e, ok := postChange(prev, p, now, wasLive)
	e.Key, e.Occurred = fmt.Sprintf("post:%s:%d", p.ID, p.Version), p.UpdatedAt
	return e, ok
}

func postChange(prev, p *guildhall.Post, now time.Time, wasLive bool) (Event, bool) {
	switch {
	case wasLive && p.IsLive(now) && prev.SameContent(p):
		// A revision that only saves or drops pending changes changes nothing readers see.
		return Event{}, false
	case wasLive && p.IsLive(now):
		return Event{Type: guildhall.EventPostUpdated, Post: p}, true
	case wasLive:
		return Event{Type: guildhall.EventPostUnpublished, Post: p}, true
	case p.IsLive(now):
		return Event{Type: guildhall.EventPostPublished, Post: p}, true
	case p.StatusAt(now) == guildhall.PostScheduled && !sameSchedule(prev, p, now):
		return Event{Type: guildhall.EventPostPublished, Post: p, At: *p.PublishedAt}, true
	}
	return Event{}, false
}

// sameSchedule reports whether prev was already scheduled for p's time, so its event is
// queued already.
func sameSchedule(prev, p *guildhall.Post, now time.Time) bool {
	return prev != nil && prev.StatusAt(now) == guildhall.PostScheduled && prev.PublishedAt.Equal(*p.PublishedAt)
}

// The JSON body of a delivery. Contact details are never included.
type (
	eventPayload struct {
		ID        string                 `json:"id"`
		Type      guildhall.WebhookEvent `json:"type"`
		CreatedAt time.Time              `json:"createdAt"`
		Data      eventData              `json:"data"`
	}
	eventData struct {
		Post    *postPayload    `json:"post,omitempty"`
		Review  *reviewPayload  `json:"review,omitempty"`
		Member  *memberPayload  `json:"member,omitempty"`
		Renewal *renewalPayload `json:"renewal,omitempty"`
		Block   *blockPayload   `json:"block,omitempty"`
		Asset   *assetPayload   `json:"asset,omitempty"`
	}
	blockPayload struct {
		ID        string              `json:"id"`
		Kind      guildhall.BlockKind `json:"kind"`
		Title     string              `json:"title"`
		Version   int                 `json:"version"`
		UpdatedAt time.Time           `json:"updatedAt"`
	}
	assetPayload struct {
		ID          string    `json:"id"`
		URL         string    `json:"url"`
		Filename    string    `json:"filename"`
		Alt         string    `json:"alt"`
		ContentType string    `json:"contentType"`
		Bytes       int       `json:"bytes"`
		Width       int       `json:"width"`
		Height      int       `json:"height"`
		CreatedAt   time.Time `json:"createdAt"`
	}
	postPayload struct {
		ID          string               `json:"id"`
		Slug        string               `json:"slug"`
		Title       string               `json:"title"`
		URL         string               `json:"url,omitempty"`
		Status      guildhall.PostStatus `json:"status"`
		Visibility  guildhall.Visibility `json:"visibility"`
		Excerpt     string               `json:"excerpt"`
		SEO         *seoPayload          `json:"seo,omitempty"`
		Tags        []string             `json:"tags"`
		PublishedAt *time.Time           `json:"publishedAt"`
		UnpublishAt *time.Time           `json:"unpublishAt,omitempty"`
		UpdatedAt   time.Time            `json:"updatedAt"`
		Version     int                  `json:"version"`
		Author      *memberPayload       `json:"author,omitempty"`
	}
	reviewPayload struct {
		// PendingChanges is true when the review is of a live post's pending changes (the
		// post itself stays live), false when of the post.
		PendingChanges bool   `json:"pendingChanges"`
		Note           string `json:"note,omitempty"`
	}
	seoPayload struct {
		Title        *string `json:"title,omitempty"`
		Description  *string `json:"description,omitempty"`
		CanonicalURL *string `json:"canonicalUrl,omitempty"`
	}
	memberPayload struct {
		ID         string             `json:"id"`
		Slug       string             `json:"slug"`
		Name       string             `json:"name"`
		SortName   string             `json:"sortName"`
		URL        string             `json:"url,omitempty"`
		Membership *membershipPayload `json:"membership,omitempty"`
	}
	membershipPayload struct {
		Plan        string                     `json:"plan"`
		Status      guildhall.MembershipStatus `json:"status"`
		JoinedAt    time.Time                  `json:"joinedAt"`
		ExpiresAt   time.Time                  `json:"expiresAt"`
		CancelledAt *time.Time                 `json:"cancelledAt,omitempty"`
	}
	renewalPayload struct {
		ID                string    `json:"id"`
		Plan              string    `json:"plan"`
		RenewedAt         time.Time `json:"renewedAt"`
		PreviousExpiresAt time.Time `json:"previousExpiresAt"`
		NewExpiresAt      time.Time `json:"newExpiresAt"`
	}
)

// eventPayload describes the event as it stands when it is due.
func (s *Service) eventPayload(id string, e Event, now, due time.Time) eventPayload {
	out := eventPayload{ID: id, Type: e.Type, CreatedAt: now}
	if p := e.Post; p != nil {
		pp := &postPayload{ID: p.ID, Slug: p.Slug, Title: p.Title, Status: p.StatusAt(due), Visibility: p.Visibility,
			Excerpt: p.Excerpt, Tags: p.Tags, PublishedAt: p.PublishedAt, UnpublishAt: p.UnpublishAt, UpdatedAt: p.UpdatedAt, Version: p.Version}
		if s.opts.SiteURL != "" {
			pp.URL = guildhall.PostURL(s.opts.SiteURL, p.Slug)
		}
		if !p.SEO.Equal(guildhall.SEO{}) {
			pp.SEO = &seoPayload{Title: p.SEO.Title, Description: p.SEO.Description, CanonicalURL: p.SEO.CanonicalURL}
		}
		if m, ok := s.cat().Member(p.AuthorID); ok {
			pp.Author = s.memberPayload(m, false, now)
		}
		out.Data.Post = pp
		if e.Type == guildhall.EventPostSubmitted || e.Type == guildhall.EventPostChangesRequested {
			out.Data.Review = &reviewPayload{PendingChanges: e.PendingReview, Note: e.Note}
		}
	}
	if e.Member != nil {
		// As it stands when due: a membership event's status is the one it announces.
		out.Data.Member = s.memberPayload(e.Member, true, due)
	}
	if b := e.Block; b != nil {
		base := b.Base()
		out.Data.Block = &blockPayload{ID: base.ID, Kind: b.BlockKind(), Title: base.TitleOrEmpty(), Version: base.Version, UpdatedAt: base.UpdatedAt}
	}
	if a := e.Asset; a != nil {
		out.Data.Asset = &assetPayload{ID: a.ID, URL: s.opts.MediaURL + a.Path(), Filename: a.Filename, Alt: a.Alt,
			ContentType: a.ContentType, Bytes: a.Bytes, Width: a.Width, Height: a.Height, CreatedAt: a.CreatedAt}
	}
	if r := e.Renewal; r != nil {
		out.Data.Renewal = &renewalPayload{ID: r.ID, Plan: r.PlanCode, RenewedAt: r.RenewedAt, PreviousExpiresAt: r.PreviousExpiresAt, NewExpiresAt: r.NewExpiresAt}
	}
	return out
}

func (s *Service) memberPayload(m *guildhall.Member, membership bool, now time.Time) *memberPayload {
	mp := &memberPayload{ID: m.ID, Slug: m.Slug, Name: m.Name, SortName: m.SortName}
	if s.opts.SiteURL != "" {
		mp.URL = guildhall.MemberURL(s.opts.SiteURL, m.Slug)
	}
	if ms := m.Membership; membership && ms != nil {
		mp.Membership = &membershipPayload{Plan: ms.PlanCode, Status: ms.StatusAt(now, s.opts.GracePeriod),
			JoinedAt: ms.JoinedAt, ExpiresAt: ms.ExpiresAt, CancelledAt: ms.CancelledAt}
	}
	return mp
}
