package guildhall

// The GraphQL layer in graph/ is generated from schema.graphqls by gqlgen, pinned as a tool
// in go.mod; seqlists then makes the executor marshal lists without a goroutine per element.
// CI runs this and fails if it changes anything.
//go:generate go tool gqlgen generate
//go:generate go run ./internal/seqlists
