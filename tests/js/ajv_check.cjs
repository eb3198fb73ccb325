'use strict';
// Checks a published lgstandards tree with ajv, the validator most JavaScript projects use.
//
// Usage: node ajv_check.cjs NODE_PREFIX TREE_DIR RECORDS_JSON
//   NODE_PREFIX   folder whose node_modules holds ajv and ajv-formats (see package.json here)
//   TREE_DIR      the output of `lgstandards publish`; schemas are read from it and nothing else
//   RECORDS_JSON  [{ref, folder, example, record, data}]: the records lgstandards read from each
//                 example (CSV rows arrive already turned into JSON records)
//
// Prints one JSON object: {compile_errors: [{file, message}], warnings: [{file, message}],
// results: [{ref, example, record, schema, bundled, errors}]}, where schema/bundled are ajv's verdicts with schema.json (and every
// other schema of the tree loaded beside it) and with schema.bundled.json alone.

const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [prefix, treeDir, recordsFile] = process.argv.slice(2);
const load = createRequire(path.join(path.resolve(prefix), 'package.json'));
const Ajv2020 = load('ajv/dist/2020').default;
const addFormats = load('ajv-formats').default;

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// Strict mode with every restriction on. The three restrictions ajv can report instead of throwing
// (strictTypes, strictTuples, strictRequired) are logged and returned as warnings, so the Python
// test sees every one of them and decides; all other strict-mode problems throw.
const warnings = [];
let current = null;
const logger = {
  log() {},
  warn(...args) { warnings.push({ file: current, message: args.join(' ') }); },
  error(...args) { warnings.push({ file: current, message: args.join(' ') }); },
};

function newAjv() {
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: 'log',
    strictTuples: 'log',
    strictRequired: 'log',
    allErrors: true,
    logger,
  });
  addFormats(ajv);
  // lgstandards' own annotation keywords (docs/authoring-standards.md): they never affect
  // validity, and strict mode rejects unknown keywords unless they are declared like this.
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-codelist', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-lgstandards-advice', schemaType: 'object' });
  return ajv;
}

function describe(errors) {
  return (errors || []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

const index = readJson(path.join(treeDir, 'index.json'));
const compileErrors = [];
const shared = newAjv();
const versions = [];
for (const standard of index.standards) {
  for (const version of standard.versions) {
    if (!version.schema) continue;
    const file = path.join(version.path, 'schema.json');
    const schema = readJson(path.join(treeDir, file));
    try {
      shared.addSchema(schema);
    } catch (error) {
      compileErrors.push({ file, message: String(error.message || error) });
      continue;
    }
    versions.push({ ref: `${standard.id}@${version.version}`, folder: version.path, id: schema.$id });
  }
}

const compiled = {};
for (const version of versions) {
  const entry = { schema: null, bundled: null };
  current = path.join(version.folder, 'schema.json');
  try {
    entry.schema = shared.getSchema(version.id);
  } catch (error) {
    compileErrors.push({ file: path.join(version.folder, 'schema.json'), message: String(error.message || error) });
  }
  const bundledFile = path.join(treeDir, version.folder, 'schema.bundled.json');
  current = path.join(version.folder, 'schema.bundled.json');
  try {
    // A fresh instance with nothing else loaded proves the bundle needs no other file.
    entry.bundled = newAjv().compile(readJson(bundledFile));
  } catch (error) {
    compileErrors.push({ file: path.join(version.folder, 'schema.bundled.json'), message: String(error.message || error) });
  }
  compiled[version.ref] = entry;
}

// The registry index describes itself: check index.json against index.schema.json too.
current = 'index.schema.json';
try {
  const validateIndex = newAjv().compile(readJson(path.join(treeDir, 'index.schema.json')));
  if (!validateIndex(index)) {
    compileErrors.push({ file: 'index.json', message: describe(validateIndex.errors).join('; ') });
  }
} catch (error) {
  compileErrors.push({ file: 'index.schema.json', message: String(error.message || error) });
}

const results = [];
for (const item of readJson(recordsFile)) {
  const entry = compiled[item.ref];
  if (!entry || !entry.schema || !entry.bundled) continue;
  const schemaValid = entry.schema(item.data);
  const schemaErrors = describe(entry.schema.errors);
  const bundledValid = entry.bundled(item.data);
  results.push({
    ref: item.ref,
    example: item.example,
    record: item.record,
    schema: schemaValid,
    bundled: bundledValid,
    errors: schemaErrors,
  });
}

process.stdout.write(JSON.stringify({ compile_errors: compileErrors, warnings, results }));
