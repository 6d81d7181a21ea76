package app

import (
	"net/http"

	"github.com/guildhall/guildhall/playground"
)

// The Playground opens with a tab per common task, each a runnable document with its
// variables and a comment saying what to do. GraphiQL names a tab after the document's first
// operation; headers are kept per tab, so the tabs that write show where the token goes.

// tokenPlaceholder stands for the token in the writing tabs' headers until it is pasted; the
// page refuses to send it (tokenHint) rather than show the server's 401.
const tokenPlaceholder = "PASTE_YOUR_TOKEN_HERE"

const tokenHint = "No token yet: in Headers (bottom left) replace PASTE_YOUR_TOKEN_HERE with your token. " +
	"Make one on the server's machine with `go run ./server token create --role ADMIN`; each tab has its own headers."

const writeHeaders = `{"Authorization": "Bearer ` + tokenPlaceholder + `"}`

// exampleQuery is what a new user sees first: the member blog's front page, anonymously.
const exampleQuery = `# Welcome to the Guildhall Playground.
#
# Run: Ctrl-Enter (Cmd-Enter on a Mac) or the pink
# button. Docs (top left) browses the whole schema;
# hover a field for its description.
#
# The tabs above are the common tasks, in order:
# find a member's ID, write a post with a related-
# info block, publish or schedule it, renew a
# membership. Each has its variables (bottom left).
#
# This tab reads as an anonymous visitor: published
# posts, public profiles and blocks. The writing
# tabs need a token in their Headers pane:
#
#   {"Authorization": "Bearer YOUR_TOKEN"}
#
# Make one on the server's machine with
#   go run ./server token create --role ADMIN
# The browser keeps headers in local storage:
# delete the token on a shared computer.

query FrontPage {
  posts(first: 5) {
    totalCount
    nodes {
      title
      slug
      publishedAt
      excerpt
      tags
      author { name credentials slug }
      blocks {
        __typename
        title
        ... on CallToActionBlock { label url action }
        ... on ContactBlock { contactName email }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
  memberDirectory { letter count }
}
`

const findMemberTab = `# Find a member's ID, for authorId, memberId and
# the like. No token needed: profiles are public.
#
# nameStartsWith matches the start of any word of
# the name or sort name, ignoring case and accents
# ("bill", "BÍLL"). Change "name" in Variables
# below and run again. The ID looks like
# "mbr_01jc9x2k7d8mf3qz5w6e4r1t0v": copy it whole.

query FindMember($name: String!) {
  members(first: 10, filter: {nameStartsWith: $name}) {
    nodes { id name sortName slug credentials publishedPostCount }
    pageInfo { hasNextPage endCursor }
  }
}

# With a token bound to a member, this is you:
query Me {
  viewer { role scopes member { id name } }
}
`

const findMemberVariables = `{
  "name": "bill"
}`

const writePostTab = `# Write a post with a related-info block.
# Needs a token (Headers, bottom left): AUTHOR for
# your own posts, EDITOR or ADMIN for anyone's.
#
# 1. Put the cursor in CreateRelatedInfo below and
#    press Ctrl-Enter: it makes a "Related info"
#    block of links. Copy its id into blockIds in
#    Variables (or list blocks with RelatedInfo).
# 2. Put the member's ID (tab FindMember) in
#    authorId; an AUTHOR token leaves it null.
# 3. Put the cursor in WritePost, Ctrl-Enter. The
#    post is a DRAFT until you publish it (next
#    tab): copy its id.
#
# The body is HTML in a variable, where quotes need
# no escaping beyond JSON's. Inline, use a block
# string: body: """<p class="lead">Hello</p>""".
# The answer's body.html is the HTML as sanitised
# (no scripts, styles or event handlers).

mutation WritePost($title: String!, $body: String!, $authorId: ID, $tags: [String!], $blockIds: [ID!]) {
  createPost(input: {title: $title, body: $body, authorId: $authorId, tags: $tags, blockIds: $blockIds}) {
    id
    slug
    status
    version
    body { html wordCount }
    blocks { __typename id title }
  }
}

mutation CreateRelatedInfo($links: [LinkInput!]) {
  createBlock(input: {kind: LINKS, title: "Related info", links: $links}) {
    id
    title
    ... on LinksBlock { links { label url } }
  }
}

query RelatedInfo {
  blocks(first: 20, kind: LINKS) { nodes { id title } }
}
`

const writePostVariables = `{
  "title": "Notes from the spring conference",
  "body": "<p>Three days in Leeds, <strong>forty sessions</strong> and one question: what does good supervision look like?</p><h2>What we heard</h2><ul><li>Peer supervision works when it is booked, not hoped for.</li><li>Reflective logs beat checklists.</li></ul>",
  "authorId": null,
  "tags": ["events", "supervision"],
  "blockIds": [],
  "links": [
    {"label": "Conference programme", "url": "https://northfield.example/conference", "description": "Sessions and speakers"},
    {"label": "Supervision guidelines", "url": "https://northfield.example/supervision"}
  ]
}`

const publishTab = `# Publish a post now, or schedule it.
# Needs a token (Headers, bottom left): the post's
# author, EDITOR or ADMIN.
#
# Put the post's ID (from WritePost, or from
# Drafts below) in "id". With "publishAt" null it
# goes live now; with a future time, as RFC 3339
# ("2027-01-15T09:00:00Z", or with an offset such
# as "2027-01-15T10:00:00+01:00"), it is SCHEDULED
# and goes live by itself then. Publishing again
# while SCHEDULED moves the date. "unpublishAt", a
# later time, takes it down by itself then (null:
# never); on a published post this sets only that.
#
# Edits to a live post go live at once, unless
# sent with updatePost(input: {..., asDraft: true}):
# they wait in pendingChanges until publishPost.
# Where review is required, authors send
# submitPostForReview(id:) instead, and an editor
# publishes (ReviewQueue below) or sends it back
# with requestChanges(id:, note:).
#
# Undo with unpublishPost(id:): back to a draft.

mutation PublishOrSchedule($id: ID!, $publishAt: Time, $unpublishAt: Time) {
  publishPost(id: $id, publishAt: $publishAt, unpublishAt: $unpublishAt) {
    id
    slug
    status
    publishedAt
    unpublishAt
  }
}

query Drafts {
  posts(first: 20, filter: {status: DRAFT}, orderBy: {field: UPDATED_AT, direction: DESC}) {
    nodes { id title updatedAt author { name } }
  }
}

query ReviewQueue {
  posts(first: 20, filter: {awaitingReview: true}) {
    nodes { id title status author { name } pendingChanges { title savedAt } }
  }
}
`

const publishVariables = `{
  "id": "pst_PASTE_THE_POST_ID",
  "publishAt": null,
  "unpublishAt": null
}`

const renewTab = `# Renew a membership, as a checkout system does
# after payment. Needs an ADMIN token, or a token
# with the membership scope:
#   go run ./server token create --role MEMBER --scope membership
#
# Put the member's ID (tab FindMember) in memberId
# and a plan code (Plans below) in plan. The
# idempotencyKey is yours to choose, e.g. the
# payment's ID: sending the same request again
# returns the same renewal and never extends twice
# (the same key with other details is CONFLICT).
# A member in good standing is extended from the
# current expiry; in grace or lapsed, from now.

mutation RenewMembership($memberId: ID!, $plan: String!, $key: String!, $payment: String) {
  renewMembership(input: {memberId: $memberId, plan: $plan, idempotencyKey: $key, paymentReference: $payment}) {
    id
    previousExpiresAt
    newExpiresAt
    plan { code name termMonths }
  }
}

query Plans {
  membershipPlans { code name termMonths }
}

query Membership($memberId: ID!) {
  member(id: $memberId) {
    name
    membership { status plan { code } expiresAt graceEndsAt }
  }
}
`

const renewVariables = `{
  "memberId": "mbr_PASTE_THE_MEMBER_ID",
  "plan": "professional",
  "key": "pay_2026_000123",
  "payment": "pay_2026_000123"
}`

// playgroundTabs are the Playground's opening tabs: the front page, then the common tasks.
var playgroundTabs = []playground.Tab{
	{Query: exampleQuery, Headers: "{}"},
	{Query: findMemberTab, Variables: findMemberVariables, Headers: "{}"},
	{Query: writePostTab, Variables: writePostVariables, Headers: writeHeaders},
	{Query: publishTab, Variables: publishVariables, Headers: writeHeaders},
	{Query: renewTab, Variables: renewVariables, Headers: writeHeaders},
}

// newTabQuery starts a tab opened with +.
const newTabQuery = `# A new tab. Headers (bottom left) are this tab's
# own: paste {"Authorization": "Bearer YOUR_TOKEN"}
# to act as someone. Docs (top left) lists every
# query and mutation.

query {
  viewer { role member { name } }
}
`

func playgroundHandler() http.Handler {
	return playground.Handler(playground.Options{
		Title: "Guildhall Playground", Endpoint: "/graphql", DefaultQuery: newTabQuery,
		Tabs: playgroundTabs, TokenPlaceholder: tokenPlaceholder, TokenHint: tokenHint,
	})
}
