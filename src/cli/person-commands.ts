import type { PersonService, PersonStatus, PersonView } from '../auth/person.service';
import { PERSON_STATUSES } from '../auth/person.service';
import { cliActor, flag, UsageError, type Printer } from './token-commands';

/** The first line of standard input: the password, never an argument (it would stay in the shell's history and ps). */
async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

/** `person create --user-name U --name "N" --role R [--municipality CODE]`, the password on standard input. */
export async function personCreate(
  persons: PersonService,
  args: string[],
  print: Printer,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const userName = flag(args, 'user-name');
  const name = flag(args, 'name');
  const role = flag(args, 'role');
  if (!userName) throw new UsageError('--user-name is required: what the person types to sign in');
  if (!name) throw new UsageError('--name is required: the person, e.g. "Anna Andersson"');
  if (!role) throw new UsageError('--role is required');
  print.err('Password (one line on standard input):');
  const password = await readPassword(stdin);
  const view = await persons.create({
    userName,
    name,
    role,
    municipalityCode: flag(args, 'municipality'),
    password,
    createdBy: cliActor(),
  });
  print.out(view.id);
  print.err(`Set up ${view.role} ${view.name} (${view.userName}) as person ${view.id}: they sign in at /logga-in.`);
  return 0;
}

export async function personList(persons: PersonService, args: string[], print: Printer): Promise<number> {
  const status = flag(args, 'status');
  if (status !== null && !PERSON_STATUSES.includes(status as PersonStatus)) {
    throw new UsageError(`--status must be one of ${PERSON_STATUSES.join(', ')}`);
  }
  const views = await persons.list((status as PersonStatus | null) ?? undefined);
  if (args.includes('--json')) print.out(JSON.stringify(views, null, 2));
  else for (const line of table(views)) print.out(line);
  print.err(`${views.length} person(s).`);
  return 0;
}

export async function personRevoke(persons: PersonService, args: string[], print: Printer): Promise<number> {
  const id = args.find((a) => !a.startsWith('--'));
  if (!id) throw new UsageError('person revoke needs the person id (see `person list`)');
  const before = await persons.get(id);
  const view = await persons.revoke(id, cliActor());
  for (const line of table([view])) print.out(line);
  print.err(
    before.revokedAt
      ? `Person ${id} was already revoked at ${before.revokedAt}.`
      : `Revoked ${view.name} (${view.userName}): they cannot sign in, and their sessions end.`,
  );
  return 0;
}

function table(views: PersonView[]): string[] {
  const header = ['ID', 'STATUS', 'USER NAME', 'ROLE', 'MUNICIPALITY', 'NAME', 'CREATED'];
  const rows = views.map((v) => [v.id, v.status, v.userName, v.role, v.municipalityCode ?? '-', v.name, v.createdAt]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}
