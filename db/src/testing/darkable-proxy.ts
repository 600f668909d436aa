import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * How a link dies. `refuse`: every connection cut and new ones refused, which is what a client sees
 * of a stopped server or a cable pulled at its end. `black-hole`: connections stay open and new ones
 * are accepted, but nothing is ever answered, which is what a client sees of a dead LTE link or a
 * router that dropped its state: only the client's own timeouts can tell.
 */
export type DarkMode = 'refuse' | 'black-hole';

/**
 * A TCP proxy in front of a database server that can go dark, in either way a link dies, until it
 * comes back. A connection black-holed stays dead after the link is back (the carrier's state for it
 * is gone), so a client has to notice and open a new one.
 */
export class DarkableProxy {
  private readonly sockets = new Set<Socket>();
  /** Connections of a black hole: open, everything they send is swallowed. */
  private readonly swallowed = new Set<Socket>();
  private dark: DarkMode | undefined;
  readonly server: Server;
  constructor(targetPort: number) {
    this.server = createServer((client) => {
      if (this.dark === 'refuse') {
        client.destroy();
        return;
      }
      if (this.dark === 'black-hole') {
        this.swallow(client);
        return;
      }
      const upstream = connect(targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        socket.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      // Across a black hole neither end hears of the other's close.
      client.once('close', () => {
        if (!this.swallowed.has(upstream)) upstream.destroy();
      });
      upstream.once('close', () => {
        if (!this.swallowed.has(client)) client.destroy();
      });
    });
  }
  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }
  /** The link dies; by default as a stopped server does (connections refused). */
  goDark(mode: DarkMode = 'refuse'): void {
    this.dark = mode;
    if (mode === 'refuse') {
      for (const socket of [...this.sockets, ...this.swallowed]) socket.destroy();
      return;
    }
    // Both ends go silent and stay open, unheard, as across a dead link: the server's session lingers too.
    for (const socket of [...this.sockets]) {
      socket.unpipe();
      this.swallow(socket);
    }
  }
  comeBack(): void {
    this.dark = undefined;
  }
  close(): Promise<void> {
    this.goDark('refuse');
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private swallow(socket: Socket): void {
    this.sockets.delete(socket);
    this.swallowed.add(socket);
    socket.on('error', () => {});
    socket.once('close', () => this.swallowed.delete(socket));
    // Read and drop, so the sender's writes never block: its bytes vanish as they would on the air.
    socket.on('data', () => {});
    socket.resume();
  }
}
