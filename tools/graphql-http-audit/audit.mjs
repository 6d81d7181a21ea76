// Runs graphql-http's auditServer, the GraphQL over HTTP specification's own audit, against
// a running server: node audit.mjs http://127.0.0.1:8080/graphql
// Prints one JSON line per check ({id, name, status, reason}) and exits 1 when any check is
// not "ok" (a warning counts: the target is an audit with no warnings).
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
const results = await auditServer({ url, fetchFn: fetch });
let failed = 0;
for (const r of results) {
  if (r.status !== 'ok') failed++;
  console.log(JSON.stringify({ id: r.id, name: r.name, status: r.status, reason: r.reason ?? '' }));
}
console.error(`${results.length - failed} ok, ${failed} not ok`);
process.exit(failed ? 1 : 0);
