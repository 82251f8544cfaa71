/**
 * A preload (`node --require test/load/count-queries.js`, set by test/load/load.ts through NODE_OPTIONS) that counts
 * the service's database round trips: every call of pg's `Client.prototype.query` is one (a simple query, or the
 * extended protocol's parse/bind/execute/sync sent together and answered together). Connection set-up is not
 * counted. On SIGWINCH it writes `{ seq, queries, byVerb }` to `$LOAD_QUERY_COUNTS_DIR/<pid>.json`; without that
 * variable it does nothing at all. Plain JavaScript, so that the child needs no compiler for it.
 */
'use strict';
const dir = process.env.LOAD_QUERY_COUNTS_DIR;
if (dir) {
  const fs = require('fs');
  const path = require('path');
  const { Client } = require('pg');
  const counts = { seq: 0, queries: 0, byVerb: {} };
  const original = Client.prototype.query;
  Client.prototype.query = function (config, ...rest) {
    counts.queries++;
    const text = typeof config === 'string' ? config : (config && config.text) || '';
    const match = /^\s*(\w+)/.exec(text);
    const verb = match ? match[1].toUpperCase() : '?';
    counts.byVerb[verb] = (counts.byVerb[verb] || 0) + 1;
    return original.call(this, config, ...rest);
  };
  process.on('SIGWINCH', () => {
    counts.seq++;
    const file = path.join(dir, `${process.pid}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(counts));
    fs.renameSync(`${file}.tmp`, file);
  });
}
