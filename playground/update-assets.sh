#!/usr/bin/env bash
# update-assets.sh refreshes the GraphiQL, React and ReactDOM files embedded in package playground.
#
# It needs npm, tar and a network path to the npm registry; the Go build never does: the files it
# writes are committed under assets/. To move to other versions, change the three pins below, run
# this script, then look at the page in a browser (GraphiQL 5 dropped the UMD bundle this package
# loads, so stay on 4.x unless the page is rewritten for ES modules).
#
# Usage: ./playground/update-assets.sh   (from anywhere)
set -euo pipefail

GRAPHIQL_VERSION=4.1.2
REACT_VERSION=18.3.1
REACT_DOM_VERSION=18.3.1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
assets="$here/assets"
work=$(mktemp -d "${TMPDIR:-/tmp}/playground-assets.XXXXXX")
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "graphiql@$GRAPHIQL_VERSION" "react@$REACT_VERSION" "react-dom@$REACT_DOM_VERSION" >/dev/null
for pkg in "graphiql-$GRAPHIQL_VERSION" "react-$REACT_VERSION" "react-dom-$REACT_DOM_VERSION"; do
	mkdir -p "$pkg"
	tar -xzf "$pkg.tgz" -C "$pkg" --strip-components=1
done

mkdir -p "$assets/LICENSES"
cp "graphiql-$GRAPHIQL_VERSION/graphiql.min.js" "graphiql-$GRAPHIQL_VERSION/graphiql.min.css" "$assets/"
cp "react-$REACT_VERSION/umd/react.production.min.js" "$assets/"
cp "react-dom-$REACT_DOM_VERSION/umd/react-dom.production.min.js" "$assets/"
cp "graphiql-$GRAPHIQL_VERSION/LICENSE" "$assets/LICENSES/graphiql.LICENSE"
cp "react-$REACT_VERSION/LICENSE" "$assets/LICENSES/react.LICENSE"
cp "react-dom-$REACT_DOM_VERSION/LICENSE" "$assets/LICENSES/react-dom.LICENSE"

cat >"$assets/NOTICE" <<NOTICE
Third-party files in this folder, written by playground/update-assets.sh from the npm registry:

file                               package@version   licence  text
graphiql.min.js, graphiql.min.css  graphiql@$GRAPHIQL_VERSION    MIT      LICENSES/graphiql.LICENSE
react.production.min.js            react@$REACT_VERSION      MIT      LICENSES/react.LICENSE
react-dom.production.min.js        react-dom@$REACT_DOM_VERSION  MIT      LICENSES/react-dom.LICENSE

These files are byte for byte the packages' (npm pack) copies; graphiql.min.js ends
with a sourceMappingURL comment for a map that is not shipped (browsers ask for it only while
their developer tools are open; it is answered 404).

graphiql.min.js is GraphiQL's UMD bundle; it also bundles GraphiQL's own dependencies
(@graphiql/react, @graphiql/toolkit, CodeMirror 5, Radix UI, framer-motion, markdown-it, graphql-js
and others, all under MIT or similarly permissive licences; see the graphiql package's
package.json and https://github.com/graphql/graphiql).
NOTICE

echo "updated $assets:"
ls -l "$assets"
