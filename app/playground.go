package app

import (
	"net/http"

	"github.com/guildhall/guildhall/playground"
)

// exampleQuery is what a new user sees in the Playground: the member blog's front page.
const exampleQuery = `# Welcome to the Guildhall Playground.
#
# Run: Ctrl-Enter (Cmd-Enter on a Mac) or the pink
# button. Docs (top left) browses the whole schema.
#
# You read as an anonymous visitor: published
# posts, public profiles and blocks. To write,
# open Headers below and replace {} with
#
#   {"Authorization": "Bearer YOUR_TOKEN"}
#
# Make a token on the server's machine with
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

func playgroundHandler() http.Handler {
	return playground.Handler(playground.Options{Title: "Guildhall Playground", Endpoint: "/graphql", DefaultQuery: exampleQuery})
}
