import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SecretReader } from '../../machines/protocol/secrecy.rules';
import { escapeHtml } from '../web/html';
import type { Actor } from '../workflow/actor';
import { PersonalDataService } from './personal-data.service';
import { SecretTextService } from './secret-text.service';

/**
 * What is handed out, whoever asks (issue 11 §8, R-K12): a protocol extract, the public notice board and its feed, an
 * export. A text marked secret is withheld there for every role.
 */
const HANDED_OUT = [
  /\/extract(\.pdf)?(\?|$)/,
  /^\/beslut\/[^/?]+(\?|$)/,
  /^\/anslagstavla(\/|\?|$)/,
  /\.csv(\?|$)/,
  /\/export(\/|\?|$)/,
];

/** Who reads this answer, for a marked text (R-K12): the signed-in actor, or nobody where it is handed out. */
export function readerOf(request: FastifyRequest): SecretReader | null {
  const url = request.url;
  if (HANDED_OUT.some((p) => p.test(url))) return null;
  return (request as FastifyRequest & { actor?: Actor }).actor ?? null;
}

/**
 * Every answer shows each marker (`pd:<commitment>`) as its name, or as removed under its gallringsbeslut
 * (issue 10 §9), and each text marker (`sk:<commitment>`) as its text, or as withheld under its provision where it is
 * marked secret and the reader has no right to it (issue 11 §8): one place for the API's JSON, its refusals, the web
 * pages and the Atom feed, so that no read can show a marker, an empty name or fail on a removed one. The log, its
 * exports and the evidence package keep the markers.
 */
@Injectable()
export class RevealPersonalData implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly personal: PersonalDataService,
    private readonly secrets: SecretTextService,
  ) {}

  onModuleInit(): void {
    const http = this.adapter.httpAdapter;
    if (!http) return; // an application context without HTTP (a test, a script)
    http.getInstance<FastifyInstance>().addHook('onSend', async (request, reply, payload) => {
      if (typeof payload !== 'string' || request.url.includes('/evidence')) return payload;
      if (!payload.includes('pd:') && !payload.includes('sk:')) return payload;
      const type = String(reply.getHeader('content-type') ?? '');
      const escape = type.includes('json')
        ? (s: string) => JSON.stringify(s).slice(1, -1)
        : type.includes('html') || type.includes('xml')
          ? escapeHtml
          : null;
      if (!escape) return payload;
      const named = payload.includes('pd:') ? await this.personal.reveal(payload, escape) : payload;
      return named.includes('sk:') ? this.secrets.reveal(named, escape, readerOf(request)) : named;
    });
  }
}
