// A Node.js http2 client uploading a file with the most padding Node offers (PADDING_STRATEGY_MAX).
// Usage: node node-upload.js URL FILE
const http2 = require('http2');
const fs = require('fs');
const [url, file] = process.argv.slice(2);
const u = new URL(url);
const body = fs.readFileSync(file);
const session = http2.connect(u.origin, {
  paddingStrategy: http2.constants.PADDING_STRATEGY_MAX,
  rejectUnauthorized: false,
});
session.on('error', (e) => { console.error('session error: ' + e.message); process.exitCode = 3; });
const req = session.request({
  ':method': 'POST', ':path': u.pathname + u.search, 'content-length': String(body.length),
}, { paddingStrategy: http2.constants.PADDING_STRATEGY_MAX });
let status = 0;
req.on('response', (h) => { status = h[':status']; });
req.on('data', () => {});
req.on('error', (e) => { console.error('stream error: ' + e.message); });
req.on('close', () => {
  if (status < 200 || status >= 300) process.exitCode = process.exitCode || 1;
  session.close();
});
req.end(body);
