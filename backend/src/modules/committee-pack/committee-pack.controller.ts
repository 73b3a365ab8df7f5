import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Roles } from '../auth/principal.js';
import { toHttpException } from '../../common/error-mapping.js';
import { CommitteePackRenderer } from './committee-pack-renderer.service.js';
import { parsePackRequest } from './domain/parse-pack-request.js';

/** The caller's cg_* cookies from the Cookie header. */
export const readSessionCookies = (header: string | undefined): { name: string; value: string }[] =>
  (header ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('cg_') && part.includes('='))
    .map((part) => {
      const index = part.indexOf('=');
      return { name: part.slice(0, index), value: part.slice(index + 1) };
    });

/** The origin the server answers on, as seen from the server itself. */
const ownOrigin = (request: IncomingMessage): string => {
  const socket = request.socket;
  let address = socket.localAddress ?? '127.0.0.1';
  if (address.startsWith('::ffff:')) address = address.slice(7);
  if (address === '::' || address === '0.0.0.0') address = '127.0.0.1';
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${socket.localPort}`;
};

@Controller('exports')
export class CommitteePackController {
  constructor(private readonly renderer: CommitteePackRenderer) {}

  /**
   * GET /exports/committee-pack.pdf?from=YYYY-MM&to=YYYY-MM[&paper=A4|Letter][&department=…]:
   * the dashboard's committee pack printed by the server's headless Chromium, as the caller.
   */
  @Get('committee-pack.pdf')
  @Roles('ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR')
  async committeePack(
    @Query() query: Record<string, unknown>,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    let pack;
    try {
      pack = parsePackRequest(query);
    } catch (error) {
      throw toHttpException(error);
    }
    const authorization = request.headers.authorization;
    try {
      const pdf = await this.renderer.render({
        origin: ownOrigin(request),
        search: pack.search,
        paper: pack.paper,
        cookies: readSessionCookies(request.headers.cookie),
        authorization: authorization?.startsWith('Bearer ') ? authorization : null,
      });
      response.statusCode = 200;
      response
        .setHeader('Content-Type', 'application/pdf')
        .setHeader('Content-Disposition', `attachment; filename="${pack.fileName}"`)
        .setHeader('Cache-Control', 'no-store')
        .end(pdf);
    } catch (error) {
      throw toHttpException(error);
    }
  }
}
