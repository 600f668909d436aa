import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import send from 'send';
import { BASEMAP_STYLE_PATH } from '../../shared/contract';

export const isStyleFilePath = (pathname: string) => pathname.startsWith(`${BASEMAP_STYLE_PATH}/`);

/**
 * A file of the configured style's folder: the style, PMTiles archives, sprites, glyphs. `send`
 * answers byte ranges (a PMTiles archive is read a directory and a tile at a time), and refuses
 * anything outside the folder and dot files.
 */
export function serveStyleFile(
  folder: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  logger: Logger,
): void {
  send(req, pathname.slice(BASEMAP_STYLE_PATH.length), {
    root: folder,
    dotfiles: 'deny',
    index: false,
    maxAge: '1h',
  })
    .on('error', (error: { status?: number; message: string }) => {
      const status = error.status ?? 500;
      if (status >= 500) logger.error({ err: error, url: pathname }, 'base-map file failed');
      if (res.headersSent) return void res.destroy();
      res
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status === 404 ? 'no such base-map file\n' : '');
    })
    .pipe(res);
}
