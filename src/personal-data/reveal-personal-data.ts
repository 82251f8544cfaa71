import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { escapeHtml } from '../web/html';
import { PersonalDataService } from './personal-data.service';

/**
 * Every answer shows each marker (`pd:<commitment>`) as its name, or as removed under its gallringsbeslut
 * (issue 10 §9): one place for the API's JSON, its refusals, the web pages and the Atom feed, so that no read can show a marker, an
 * empty name or fail on a removed one. The log, its exports and the evidence package keep the markers.
 */
@Injectable()
export class RevealPersonalData implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly personal: PersonalDataService,
  ) {}

  onModuleInit(): void {
    const http = this.adapter.httpAdapter;
    if (!http) return; // an application context without HTTP (a test, a script)
    http.getInstance<FastifyInstance>().addHook('onSend', async (request, reply, payload) => {
      if (typeof payload !== 'string' || !payload.includes('pd:') || request.url.includes('/evidence')) return payload;
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.includes('json')) return this.personal.reveal(payload, (s) => JSON.stringify(s).slice(1, -1));
      if (type.includes('html') || type.includes('xml')) return this.personal.reveal(payload, escapeHtml);
      return payload;
    });
  }
}
