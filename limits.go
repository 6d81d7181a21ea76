package guildhall

// Limits on input that are not one entity's own (those are with the entity: post.go,
// member.go, block.go, webhook.go, credential.go). Every layer checks against these names,
// never a bare number.
const (
	// MaxTextLength bounds a short optional text field: a member's credentials, a contact's
	// name, a block's title, a link's description.
	MaxTextLength = 200
	// MaxNoteLength bounds a free-text note: a cancellation's reason, a webhook's description.
	MaxNoteLength = 500
	// MaxIdempotencyKeyLength bounds an idempotency key, in bytes.
	MaxIdempotencyKeyLength = 200
	// MaxSearchLength bounds a search or a name filter, in characters; MaxSearchWords the
	// words of a search. A search is literal text: its words are matched, never interpreted.
	MaxSearchLength = 200
	MaxSearchWords  = 20
)
