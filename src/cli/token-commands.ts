import * as os from 'os';
import type { TokenService } from '../auth/token.service';
import { TOKEN_STATUSES, type TokenStatus, type TokenView } from '../auth/token.view';

/** What a command prints: `out` is its result (stdout), `err` what it says about it (stderr). */
export interface Printer {
  out(line: string): void;
  err(line: string): void;
}

export class UsageError extends Error {}

/** `--name VALUE`: the value, or null when absent. */
export function flag(args: string[], name: string): string | null {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return null;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return value;
}

/** Who runs the CLI, as it is recorded in created_by and revoked_by. */
export function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export async function tokenCreate(tokens: TokenService, args: string[], print: Printer): Promise<number> {
  const role = flag(args, 'role');
  const name = flag(args, 'name');
  if (!role) throw new UsageError('--role is required');
  if (!name)
    throw new UsageError('--name is required: the person the token is for, e.g. "Anna Andersson, registrator"');
  const days = flag(args, 'expires-in-days');
  if (days !== null && !/^\d+$/.test(days)) throw new UsageError('--expires-in-days must be a whole number');
  const issued = await tokens.issue({
    name,
    role,
    municipalityCode: flag(args, 'municipality'),
    label: flag(args, 'label'),
    expiresInDays: days === null ? undefined : Number(days),
    origin: 'cli',
    createdBy: cliActor(),
  });
  print.out(issued.token);
  print.err(
    `Created ${issued.role} token ${issued.id} for ${issued.name}, valid until ${issued.expiresAt}. ` +
      'It is shown only now; the service stores its SHA-256.',
  );
  return 0;
}

export async function tokenList(tokens: TokenService, args: string[], print: Printer): Promise<number> {
  const status = flag(args, 'status');
  if (status !== null && !TOKEN_STATUSES.includes(status as TokenStatus)) {
    throw new UsageError(`--status must be one of ${TOKEN_STATUSES.join(', ')}`);
  }
  const views = await tokens.list((status as TokenStatus | null) ?? undefined);
  if (args.includes('--json')) {
    print.out(JSON.stringify(views, null, 2));
    return 0;
  }
  for (const line of table(views)) print.out(line);
  print.err(`${views.length} token(s).`);
  return 0;
}

export async function tokenRevoke(tokens: TokenService, args: string[], print: Printer): Promise<number> {
  const id = args.find((a) => !a.startsWith('--'));
  if (!id) throw new UsageError('token revoke needs the token id (see `token list`)');
  const before = await tokens.get(id);
  const view = await tokens.revoke(id, cliActor());
  for (const line of table([view])) print.out(line);
  print.err(
    before.revokedAt
      ? `Token ${id} was already revoked at ${before.revokedAt}.`
      : `Revoked token ${id} (${view.name}): its next request is refused.`,
  );
  return 0;
}

/** A table with a header, one token a line, columns padded to their widest value. */
function table(views: TokenView[]): string[] {
  const header = ['ID', 'STATUS', 'ROLE', 'MUNICIPALITY', 'NAME', 'CREATED', 'EXPIRES', 'LAST USED', 'ORIGIN'];
  const rows = views.map((v) => [
    v.id,
    v.status,
    v.role,
    v.municipalityCode ?? '-',
    v.name,
    v.createdAt,
    v.expiresAt ?? '-',
    v.lastUsedAt ?? '-',
    v.origin,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}
