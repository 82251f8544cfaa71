/**
 * The floor under the durable-write figure (information, not a target): the same HTTP client and load as bench part 1
 * (32 clients in a closed loop POSTing COUNCIL_INFORMED to a membership's events path), answered by a Nest application
 * on Fastify that does only what every API request must: the global ValidationPipe on a body DTO, one guard, a 201
 * JSON answer. Nothing is stored. Compared in interleaved rounds with a bare Fastify route at the same path.
 *
 *   npm run build && node dist/test/bench/nest-floor.js
 */
import 'reflect-metadata';
import { Body, CanActivate, Controller, HttpCode, Injectable, Module, Param, Post } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { fork } from 'child_process';
import Fastify from 'fastify';
import * as path from 'path';
import { buildValidationPipe } from '../../src/common/validation';
import type { ClientJob, ClientResult, ClientTarget } from './http-client';

class FloorEventDto {
  @IsIn(['COUNCIL_INFORMED'])
  type!: string;

  @IsOptional()
  @IsString()
  informedOn?: string;
}

@Injectable()
class PassGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

@Controller('collaborations/:slug/memberships/:code')
class FloorController {
  private version = 0;

  @Post('events')
  @HttpCode(201)
  record(@Param('slug') slug: string, @Param('code') code: string, @Body() body: FloorEventDto): object {
    return { slug, code, type: body.type, version: ++this.version };
  }
}

@Module({ controllers: [FloorController], providers: [{ provide: APP_GUARD, useClass: PassGuard }] })
class FloorModule {}

/**
 * The floor server on an ephemeral port of 127.0.0.1: Nest on Fastify with the service's own global ValidationPipe, a
 * guard and the API prefix, one POST route on the membership events path answering 201 with a small JSON object.
 */
export async function startNestFloor(): Promise<{ port: number; close: () => Promise<void> }> {
  const app = await NestFactory.create<NestFastifyApplication>(FloorModule, new FastifyAdapter(), { logger: false });
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(buildValidationPipe());
  await app.listen(0, '127.0.0.1');
  return { port: (app.getHttpServer().address() as { port: number }).port, close: () => app.close() };
}

/** Standalone: the floor against a bare Fastify POST on the same path, interleaved, three rounds of 2 s each. */
async function main(): Promise<void> {
  const floor = await startNestFloor();
  const bare = Fastify();
  bare.post('/api/v1/collaborations/:slug/memberships/:code/events', async (_req, reply) => {
    reply.code(201);
    return { ok: true };
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as { port: number }).port;
  const targets: ClientTarget[] = Array.from({ length: 32 }, (_, i) => ({ slug: `s${i % 4}`, code: String(1400 + i) }));
  const child = fork(path.join(__dirname, 'http-client.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const run = (job: Partial<ClientJob>) =>
    new Promise<ClientResult>((resolve, reject) => {
      child.once('message', (m: any) => (m?.fatal ? reject(new Error(m.fatal)) : resolve(m)));
      child.send({ kind: 'transition', token: 'x', targets, concurrency: 32, ...job } as ClientJob);
    });
  const rate = (r: ClientResult) => r.measuredRequests / (r.elapsedMs / 1000);
  for (const port of [floor.port, barePort]) await run({ port, warmupPerWorker: 200, durationMs: 0 });
  const totals = { nest: [0, 0], bare: [0, 0] };
  for (let round = 0; round < 3; round++) {
    for (const [name, port] of [
      ['nest', floor.port],
      ['bare', barePort],
    ] as const) {
      const cpu0 = process.cpuUsage();
      const r = await run({ port, warmupPerWorker: 0, durationMs: 2000 });
      const cpu = process.cpuUsage(cpu0);
      totals[name][0] += r.measuredRequests;
      totals[name][1] += r.elapsedMs;
      if (r.errors) throw new Error(`${name}: ${r.errors} errors, first ${r.firstError}`);
      const ms = (cpu.user + cpu.system) / 1000 / r.measuredRequests;
      console.log(`${name} round ${round + 1}: ${rate(r).toFixed(0)}/s, ${ms.toFixed(3)} ms CPU/request`);
    }
  }
  const perSec = (t: number[]) => Math.round(t[0] / (t[1] / 1000));
  console.log(JSON.stringify({ nestFloorPerSec: perSec(totals.nest), barePostPerSec: perSec(totals.bare) }));
  child.disconnect();
  await floor.close();
  await bare.close();
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
