package guildhall

// The GraphQL layer in graph/ is generated from schema.graphqls by gqlgen, pinned as a tool
// in go.mod; fastexec then rewrites the executor's hot paths, checking its own rules (see its
// doc, which also says how to upgrade gqlgen). CI runs this and fails if it changes anything.
//go:generate go tool gqlgen generate
//go:generate go run ./internal/fastexec
