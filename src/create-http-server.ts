/**
 * The node:http server around the Yoga handler, hardened against slow and greedy clients: timeouts for
 * headers, whole requests and idle keep-alive sockets, a cap on connections (in all and per address), and
 * a streaming body limit that counts the bytes as they arrive (chunked bodies too, not only
 * Content-Length) and cuts a body off at the limit with 413, so one request never holds more than the
 * limit in memory.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Options of createHttpServer; every field has a documented default. */
export interface HttpServerOptions {
  /** Largest request body in bytes, counted as it streams in. @default 6 MiB */
  maxBodyBytes?: number;
  /** Time a client has to send the request headers. @default 10000 */
  headersTimeoutMs?: number;
  /** Time a client has to send the whole request, body included. @default 30000 */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive socket stays open. @default 5000 */
  keepAliveTimeoutMs?: number;
  /** Most open connections; more are closed at once. @default 4096 */
  maxConnections?: number;
  /** Most open connections from one address; more are closed at once. @default 256 */
  maxConnectionsPerAddress?: number;
}

/** A node:http server serving `handler`, with the limits above; it does not listen yet. */
export function createHttpServer(handler: RequestListener, options: HttpServerOptions = {}): Server {
  const {
    maxBodyBytes = 6 * 1024 * 1024,
    headersTimeoutMs = 10_000,
    requestTimeoutMs = 30_000,
    keepAliveTimeoutMs = 5_000,
    maxConnections = 4096,
    maxConnectionsPerAddress = 256,
  } = options;
  const server = createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.min(1000, headersTimeoutMs, requestTimeoutMs),
    },
    (request, response) => readLimitedBody(request, response, maxBodyBytes, handler),
  );
  server.maxConnections = maxConnections;
  const perAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (perAddress.get(address) ?? 0) + 1;
    perAddress.set(address, count);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    if (count > maxConnectionsPerAddress) socket.destroy();
  });
  return server;
}

// Private: buffers the body of a request with one, up to `maxBytes`, and hands it to `handler` as
// `request.body` (which Yoga's Node adapter reads instead of the stream); over the limit it answers 413,
// stops reading and closes the connection.
function readLimitedBody(request: IncomingMessage, response: ServerResponse, maxBytes: number, handler: RequestListener): void {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') {
    handler(request, response);
    return;
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    refuse(request, response, `The request body has ${declared} bytes, over the limit of ${maxBytes}.`);
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  let refused = false;
  request.on('data', (chunk: Buffer) => {
    if (refused) return;
    received += chunk.length;
    if (received > maxBytes) {
      refused = true;
      chunks.length = 0;
      refuse(request, response, `The request body is over the limit of ${maxBytes} bytes.`);
      return;
    }
    chunks.push(chunk);
  });
  request.once('end', () => {
    if (refused) return;
    if (received > 0) (request as IncomingMessage & { body?: Buffer }).body = Buffer.concat(chunks, received);
    handler(request, response);
  });
  request.once('error', () => response.destroy());
}

// Private: 413 with the API's error shape, then the socket is closed so the rest of the body is never read.
function refuse(request: IncomingMessage, response: ServerResponse, message: string): void {
  request.pause();
  const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
  response.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  response.end(body, () => request.socket.destroy());
}
