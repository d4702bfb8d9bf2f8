// A webhook receiver for the order-app tests. It checks every delivery with the Standard Webhooks
// reference library (the standardwebhooks npm package) and prints one JSON line per request:
// {"id", "timestamp", "verified", "error", "answered", "type", "orderNo", "status"}.
//   node receiver.mjs <port> <whsec_secret> <mode>
// mode: "accept" (2xx to every verified delivery), "flaky:<percent>" (that share of verified
// deliveries answered 503 at random), "silent" (never answers: the sender must time out).
// Unverifiable requests are answered 400.
import http from 'node:http';
import standardwebhooks from 'standardwebhooks';

const [port, secret, mode] = process.argv.slice(2);
const webhook = new standardwebhooks.Webhook(secret);
const failPercent = mode.startsWith('flaky:') ? Number(mode.substring('flaky:'.length)) : 0;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const line = { id: req.headers['webhook-id'] ?? null, timestamp: req.headers['webhook-timestamp'] ?? null };
    try {
      const payload = webhook.verify(body, req.headers);
      line.verified = true;
      line.type = payload.type;
      line.orderNo = payload.data?.orderNo ?? null;
      line.status = payload.data?.status ?? null;
    } catch (e) {
      line.verified = false;
      line.error = String(e.message);
    }
    if (mode === 'silent' && line.verified) {
      line.answered = 0;
      console.log(JSON.stringify(line));
      return; // never answers; the connection stays open until the sender gives up
    }
    line.answered = !line.verified ? 400 : Math.random() * 100 < failPercent ? 503 : 204;
    console.log(JSON.stringify(line));
    res.statusCode = line.answered;
    res.end();
  });
});
server.listen(Number(port), '127.0.0.1', () => console.log(JSON.stringify({ listening: Number(port) })));
