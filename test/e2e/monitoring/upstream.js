// A demo upstream for the monitoring e2e test: it "serves traffic" on its own (a tick adds
// requests every 500 ms) and exposes Portico-style metrics at /metrics. It starts failing
// (5xx); POST /heal makes it answer 200 again, POST /break makes it fail again.
const http = require('node:http');

const port = Number(process.argv[2]);
let failing = true;
const counts = { 200: 0, 500: 0 };
let buckets = { 0.1: 0, 0.5: 0, 1: 0, Inf: 0 };
let sum = 0;

setInterval(() => {
  const status = failing ? 500 : 200;
  counts[status] += 10;
  counts[200] += failing ? 1 : 0;
  for (const le of Object.keys(buckets)) buckets[le] += 10;
  sum += 10 * 0.05;
}, 500);

function metrics() {
  const labels = 'service="payments-gateway",method="GET",route="/payments"';
  const lines = [
    '# TYPE http_requests_total counter',
    ...Object.entries(counts).map(([s, n]) => `http_requests_total{${labels},status="${s}"} ${n}`),
    '# TYPE http_request_duration_seconds histogram',
    ...Object.entries(buckets).map(
      ([le, n]) => `http_request_duration_seconds_bucket{${labels},status="500",le="${le === 'Inf' ? '+Inf' : le}"} ${n}`,
    ),
    `http_request_duration_seconds_sum{${labels},status="500"} ${sum}`,
    `http_request_duration_seconds_count{${labels},status="500"} ${buckets.Inf}`,
  ];
  return `${lines.join('\n')}\n`;
}

http
  .createServer((req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(metrics());
    } else if (req.method === 'POST' && (req.url === '/heal' || req.url === '/break')) {
      failing = req.url === '/break';
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(failing ? 503 : 200, { 'content-type': 'text/plain' });
      res.end(failing ? 'down\n' : 'ok\n');
    }
  })
  .listen(port, '127.0.0.1');
