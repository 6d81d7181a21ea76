// Package guildhall holds Guildhall's domain: members and their memberships, posts and their
// revisions, related-info blocks, who may see and do what, and the errors every layer shares.
//
// It imports only the standard library. The catalog (reads), the mongodb store (writes) and the
// graph and feed packages (transports) all speak in these types; BSON, GraphQL and HTTP stay in
// their own packages.
package guildhall
