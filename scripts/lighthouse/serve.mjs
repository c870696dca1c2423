// Serves a built site as Netlify would for Lighthouse: compressed (brotli,
// else gzip, for text), with netlify.toml's security headers and caching,
// and /dir/ answered by /dir/index.html. Only for measuring: it listens on
// 127.0.0.1 and knows nothing of _redirects.
//
//   node serve.mjs <site folder> <port>
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const [root, port] = [process.argv[2], Number(process.argv[3])];
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
};
// Copied from netlify.toml's headers; keep them in step.
const headers = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};
const compressed = new Map(); // path and encoding to bytes

createServer(async (req, res) => {
  let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (!file.startsWith(normalize(root) + sep)) { res.writeHead(403).end(); return; }
  let body;
  try {
    if ((await stat(file)).isDirectory()) { res.writeHead(301, { Location: path + '/' }).end(); return; }
    body = await readFile(file);
  } catch {
    res.writeHead(404, headers).end('not found');
    return;
  }
  const type = types[extname(file)] || 'application/octet-stream';
  const h = { ...headers, 'Content-Type': type, Vary: 'Accept-Encoding',
    'Cache-Control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate' };
  const accept = req.headers['accept-encoding'] || '';
  const enc = !/^(text|application\/(json|xml)|image\/svg)/.test(type) ? '' : /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : '';
  if (enc) {
    const key = enc + ' ' + file;
    if (!compressed.has(key)) {
      compressed.set(key, enc === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
        : gzipSync(body, { level: 9 }));
    }
    body = compressed.get(key);
    h['Content-Encoding'] = enc;
  }
  h['Content-Length'] = body.length;
  res.writeHead(200, h);
  res.end(req.method === 'HEAD' ? undefined : body);
}).listen(port, '127.0.0.1');
