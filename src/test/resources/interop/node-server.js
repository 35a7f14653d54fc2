// The Node.js http2 server of the interop matrix: static files from a folder, h2c with prior
// knowledge or TLS with ALPN h2, with one of Node's padding strategies.
// Usage: node node-server.js ROOT none|max|aligned [CERT KEY]
'use strict';
const http2 = require('http2');
const fs = require('fs');
const path = require('path');

const [root, padding, cert, key] = process.argv.slice(2);
const strategies = {
  none: http2.constants.PADDING_STRATEGY_NONE,
  max: http2.constants.PADDING_STRATEGY_MAX,
  aligned: http2.constants.PADDING_STRATEGY_ALIGNED,
};
if (!root || !(padding in strategies)) {
  console.error('usage: node node-server.js ROOT none|max|aligned [CERT KEY]');
  process.exit(2);
}
const options = { paddingStrategy: strategies[padding] };
const server = cert
  ? http2.createSecureServer({ ...options, cert: fs.readFileSync(cert), key: fs.readFileSync(key) })
  : http2.createServer(options);

server.on('stream', (stream, headers) => {
  // A reset or a closed connection mid-body is the client's choice, not a reason to exit.
  stream.on('error', () => {});
  const file = path.join(root, path.normalize(decodeURIComponent(headers[':path'].split('?')[0])));
  if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    stream.respond({ ':status': 404 });
    stream.end();
    return;
  }
  if (headers[':method'] === 'HEAD') {
    // respondWithFile throws (and the process would exit) on a HEAD: headers only, with the length.
    stream.respond({ ':status': 200, 'content-length': fs.statSync(file).size });
    stream.end();
    return;
  }
  stream.respondWithFile(file, { 'content-type': 'application/octet-stream' });
});
server.on('error', (e) => { console.error(e); process.exit(1); });
server.on('sessionError', (e) => { console.error('session error: ' + e.message); });
server.listen(0, '127.0.0.1', () => {
  console.log('listening on 127.0.0.1:' + server.address().port);
});
