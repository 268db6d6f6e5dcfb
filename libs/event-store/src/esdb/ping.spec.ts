import { createServer, type Server, type Socket } from 'node:net';
import { StoreUnavailableError } from '../event-store.port.js';
import { EsdbEventStore } from './esdb-event-store.js';

/**
 * A loopback port that accepts TCP and never answers: what a stuck node, a firewall that lets the
 * handshake through, or a wrong port on another service looks like. No EventStoreDB server is
 * involved; what is tested is that ping keeps its deadline. (Without the race, this test would run
 * into jest's timeout: the client waits on the connection for minutes.)
 */
describe('EsdbEventStore.ping against a port that never answers', () => {
  let server: Server;
  let port: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each([
    ['one node', (p: number) => `esdb://127.0.0.1:${p}?tls=false`],
    // Discovery goes on in the background after ping gave up (the client cannot stop it): one attempt
    // of 1 s per seed keeps this worker from lingering; the defaults would be 10 attempts of 5 s.
    ['a cluster found by gossip', (p: number) => `esdb://127.0.0.1:${p},127.0.0.1:${p}?tls=false&maxDiscoverAttempts=1&gossipTimeout=1`],
  ])('%s: fails with StoreUnavailableError at its deadline', async (_name, url) => {
    const store = EsdbEventStore.connect(url(port));
    try {
      const error = await store.ping(300).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toBe(`EventStoreDB unavailable: no answer from ${url(port)} within 300 ms`);
    } finally {
      await store.close();
    }
  }, 5_000);
});
