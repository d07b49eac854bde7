// Validates every golden graph (and so every example) against the JSON Schema
// of the graph format, and checks that the schema rejects broken graphs.
//   node tests/graph/schema_test.mjs docs/graph.schema.json tests/golden
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';

const [schemaPath, goldenDir] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
let passed = 0, failed = 0;
const expect = (name, ok, detail = '') => {
  if (ok) passed++; else { failed++; console.log(`FAIL ${name} ${detail}`); }
};

const goldens = fs.readdirSync(goldenDir).filter((f) => f.endsWith('.json'));
expect('there are golden graphs', goldens.length >= 4);
for (const f of goldens) {
  const graph = JSON.parse(fs.readFileSync(path.join(goldenDir, f), 'utf8'));
  expect(f, validate(graph), JSON.stringify(validate.errors?.slice(0, 3)));
  // Broken copies must fail.
  const bad = [
    { ...graph, version: 2 },
    { ...graph, nodes: [{ ...graph.nodes[0], type: 'no-such-node' }, ...graph.nodes.slice(1)] },
    { ...graph, nodes: [{ ...graph.nodes[0], params: { nonsense: 1 } }, ...graph.nodes.slice(1)] },
    { ...graph, outputs: { out17: 'x' } },
  ];
  bad.forEach((b, i) => expect(`${f} broken copy ${i}`, !validate(b)));
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
