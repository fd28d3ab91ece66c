// Reads media files with c2pa-rs (c2pa-wasm) and prints one JSON line per file:
// {"file", "state" (Valid/Invalid/Trusted/none), "codes" (validation_status codes), "error"}.
// Usage: node read.mjs [--anchors bundle.pem] file...
// The differential test (OracleDifferentialTest) compares these with the Java validator.
import { readFileSync } from 'node:fs';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';

const require = (await import('node:module')).createRequire(import.meta.url);
initSync({ module: readFileSync(require.resolve('@contentauth/c2pa-wasm/c2pa.wasm')) });

const args = process.argv.slice(2);
let context = null;
if (args[0] === '--anchors') {
  const pem = readFileSync(args[1], 'utf8');
  context = JSON.stringify({ trust: { trust_anchors: pem }, verify: { verify_trust: true } });
  args.splice(0, 2);
}
for (const file of args) {
  const format = file.endsWith('.png') ? 'image/png' : 'image/jpeg';
  const out = { file };
  try {
    const reader = await WasmReader.fromBytes(format, new Uint8Array(readFileSync(file)), context);
    const store = JSON.parse(reader.json());
    out.state = store.validation_state ?? 'none';
    out.codes = (store.validation_status ?? []).map((s) => s.code);
    reader.free();
  } catch (e) {
    out.state = 'none';
    out.codes = [];
    out.error = String(e?.message ?? e);
  }
  console.log(JSON.stringify(out));
}
