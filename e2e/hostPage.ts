/**
 * A course page on another origin (localhost on a free port) that embeds the
 * app in an iframe, records what the embed posts (window.received) and sends
 * it messages (window.send). Shared by the embed and fuzz specs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const APP = `http://127.0.0.1:${Number(process.env.PW_PORT) || 4173}`;
export type Msg = { type: string; [k: string]: unknown };

/** Starts the host; `body(query)` gives the page's markup before the script (the iframe id must be "f"). */
export async function startHostPage(body: (query: URLSearchParams) => string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><html><body>${body(new URL(req.url ?? '/', 'http://x').searchParams)}
      <script>
        window.received = [];
        addEventListener('message', (e) => { if (e.origin === '${APP}') window.received.push(e.data); });
        window.send = (m) => document.getElementById('f').contentWindow.postMessage(m, '*');
      </script></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, 'localhost', r));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}
