import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a database server that can go dark: every connection cut and new ones
 * refused, which is what a client sees of a stopped server or a dead link, until it comes back.
 */
export class DarkableProxy {
  private readonly sockets = new Set<Socket>();
  private dark = false;
  readonly server: Server;
  constructor(targetPort: number) {
    this.server = createServer((client) => {
      if (this.dark) {
        client.destroy();
        return;
      }
      const upstream = connect(targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        socket.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
  }
  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }
  goDark(): void {
    this.dark = true;
    for (const socket of this.sockets) socket.destroy();
  }
  comeBack(): void {
    this.dark = false;
  }

  close(): Promise<void> {
    this.goDark();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
