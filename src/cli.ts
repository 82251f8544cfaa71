import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './config/app-config';
import { openDataSource } from './database/data-source';
import { Db } from './database/db';
import { Clock } from './workflow/clock';
import { TokenService } from './auth/token.service';

const USAGE = `Usage:
  npm run cli -- token create --role admin|coordinator|clerk|auditor --name PERSON [--municipality CODE] [--label TEXT]
  npm run cli -- migrate`;

function flag(args: string[], name: string): string | null {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : null;
}

/** Administration from the shell, against the database in DATABASE_URL. */
async function main(args: string[]): Promise<number> {
  const config = loadConfig();
  let ds: DataSource | null = null;
  let db: Db | null = null;
  try {
    if (args[0] === 'token' && args[1] === 'create') {
      ds = await openDataSource(config.DATABASE_URL, config.SQLITE_SYNCHRONOUS);
      const role = flag(args, 'role');
      if (!role) throw new Error('--role is required');
      const name = flag(args, 'name');
      if (!name) throw new Error('--name is required');
      db = new Db(ds);
      const { token, id } = await new TokenService(db, new Clock(), config).issue({
        name,
        role,
        municipalityCode: flag(args, 'municipality'),
        label: flag(args, 'label'),
        origin: 'cli',
        createdBy: 'cli',
      });
      process.stdout.write(`${token}\n`);
      process.stderr.write(`Created ${role} token ${id}. It is shown only now; the service stores its SHA-256.\n`);
      return 0;
    }
    if (args[0] === 'migrate') {
      ds = await openDataSource(config.DATABASE_URL, config.SQLITE_SYNCHRONOUS);
      process.stderr.write('Migrations are up to date.\n');
      return 0;
    }
    process.stderr.write(`${USAGE}\n`);
    return 2;
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await db?.close();
    if (ds?.isInitialized) await ds.destroy();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
