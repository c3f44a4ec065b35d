/**
 * Server-Sent Events: takes over the reply, sends the stream's headers and a
 * reconnection delay, keeps the connection alive through proxies with a
 * comment every 20 s, and stops when the client goes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface EventStream {
  /** Sends one event (`event: name`, `data: JSON`). */
  send(name: string, data: unknown): void;
}

/**
 * Opens the stream; `start` subscribes to what should be sent and returns
 * how to unsubscribe, called when the client disconnects.
 */
export function openEventStream(
  req: FastifyRequest,
  reply: FastifyReply,
  start: (stream: EventStream) => () => void,
): void {
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  reply.raw.write('retry: 3000\n\n');
  const stop = start({
    send(name, data) {
      reply.raw.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    },
  });
  const keepAlive = setInterval(() => reply.raw.write(': ping\n\n'), 20_000);
  req.raw.on('close', () => {
    clearInterval(keepAlive);
    stop();
  });
}
