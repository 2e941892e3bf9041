// Writes content files in the form the form editor (Decap CMS) saves them, so a change made
// in the form shows in a pull request as the changed fields only.
//
//   node scripts/editor_format.cjs FILE...          rewrite the files
//   node scripts/editor_format.cjs --check FILE...  list the files not in that form; exit 1
//
// The same `yaml` package (1.x, as decap-cms-core), read and written as Decap's
// YAML format does (decap-cms-core formats/yaml.js): parse, then stringify the data anew.
'use strict';
const fs = require('fs');
const yaml = require('yaml'); // 1.10.3, pinned in package.json: decap-cms-core asks for ^1.8.3

function editorForm(text) {
  const parsed = yaml.parseDocument(text);
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  const doc = new yaml.Document();
  doc.contents = yaml.createNode(parsed.toJSON());
  return doc.toString();
}

const args = process.argv.slice(2);
const check = args[0] === '--check';
const files = check ? args.slice(1) : args;
const differ = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const formed = editorForm(text);
  if (formed === text) continue;
  if (check) differ.push(file);
  else fs.writeFileSync(file, formed);
}
for (const file of differ) console.log(`${file}: not in the form editor's layout; run \`make format\``);
process.exit(differ.length > 0 ? 1 : 0);
