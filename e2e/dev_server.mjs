// For development only, until `tala serve` is at hand: a static server with
// the COOP/COEP headers (--no-isolation leaves them out: the page's fallback
// to rendering in the worklet). Prints the same line `tala serve` prints.
//   node e2e/dev_server.mjs DIR [--port N] [--no-isolation]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname, resolve } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.map': 'application/json', '.tala': 'text/plain' };

const args = process.argv.slice(2);
const root = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port') || 'build/web');
const portAt = args.indexOf('--port');
const port = portAt >= 0 ? Number(args[portAt + 1]) : 0;
const isolated = !args.includes('--no-isolation');

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
  const headers = isolated
    ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {};
  if (!file.startsWith(root)) {
    res.writeHead(403, headers).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404, headers).end('not found');
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`tala: serving ${root} at http://127.0.0.1:${server.address().port}/`);
});
