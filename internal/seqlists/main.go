// Command seqlists rewrites gqlgen's generated executor (graph/generated.go) to marshal lists
// on the calling goroutine. `go generate ./...` runs it right after gqlgen.
//
// gqlgen marshals every list of objects with graphql.MarshalSliceConcurrently, which starts a
// goroutine per element, and has no setting to turn that off (worker_limit only bounds how
// many run at once). That pays off when resolvers wait on I/O. Guildhall's never do: every
// read is answered from the in-memory catalog, so a goroutine per post only adds scheduling,
// stack growth and allocation. Under load it was the largest cost of a 20-post page (see the
// README's Benchmark section). marshalSliceSequentially (graph/lists.go) keeps gqlgen's
// semantics: each element gets its own field context, and a panic in one nulls that element
// and is reported, as before.
package main

import (
	"bytes"
	"fmt"
	"os"
)

const (
	file       = "graph/generated.go"
	concurrent = "graphql.MarshalSliceConcurrently("
	sequential = "marshalSliceSequentially("
)

func main() {
	src, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	n := bytes.Count(src, []byte(concurrent))
	if n == 0 && !bytes.Contains(src, []byte(sequential)) {
		fail(fmt.Errorf("%s has no %s: gqlgen changed how it marshals lists; revisit this step", file, concurrent))
	}
	out := bytes.ReplaceAll(src, []byte(concurrent), []byte(sequential))
	if err := os.WriteFile(file, out, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "seqlists:", err)
	os.Exit(1)
}
