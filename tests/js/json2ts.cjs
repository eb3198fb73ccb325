'use strict';
// Turns JSON Schemas into TypeScript declarations with json-schema-to-typescript.
//
// Usage: node json2ts.cjs NODE_PREFIX < JOBS_JSON > RESULTS_JSON
//   NODE_PREFIX  folder whose node_modules holds json-schema-to-typescript (see package.json here)
//   JOBS_JSON    [{key, banner, schema}]: each schema self-contained (every $ref local), its root
//                title already the name the root type is to have
//
// Prints one JSON object {key: declarations}. One process compiles every schema, so regenerating
// the whole registry costs one Node start-up. Nothing is fetched: the schemas' $refs are local and
// json-schema-to-typescript's reference parser is told not to resolve files or URLs.

const path = require('path');
const { createRequire } = require('module');

const [prefix] = process.argv.slice(2);
const load = createRequire(path.join(path.resolve(prefix), 'package.json'));
const { compile } = load('json-schema-to-typescript');

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const jobs = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const out = {};
  for (const job of jobs) {
    out[job.key] = await compile(job.schema, job.schema.title, {
      bannerComment: job.banner,
      // The schemas say where extra properties are refused; elsewhere JSON Schema allows them.
      additionalProperties: true,
      // Output must not depend on the folder it is run from or on a prettier config found there.
      cwd: '/',
      format: true,
      style: { printWidth: 100, singleQuote: false, trailingComma: 'all', semi: true },
      $refOptions: { resolve: { file: false, http: false } },
    });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
