// The floor for bench/chat-first-token.ts: a bare Node process that relays a streamed answer from
// a "model" server in the bench process to its client as SSE, with no SDK, agent or database.
import { createServer, request } from 'node:http';

const modelUrl = process.argv[2];
const server = createServer((incoming, outgoing) => {
  incoming.resume();
  incoming.on('end', () => {
    const upstream = request(modelUrl, { method: 'POST' }, (answer) => {
      outgoing.writeHead(200, { 'content-type': 'text/event-stream' });
      answer.on('data', (chunk) =>
        outgoing.write(`event: token\ndata: ${JSON.stringify(String(chunk))}\n\n`),
      );
      answer.on('end', () => outgoing.end('event: done\ndata: {}\n\n'));
    });
    upstream.end('{}');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
