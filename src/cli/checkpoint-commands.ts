import * as path from 'node:path';
import { checkpointProblems } from '../checkpoint/checkpoint-problems';
import { CheckpointService } from '../checkpoint/checkpoint.service';
import { createKeyFile, logVerifierFromFile, readKeyFile } from '../checkpoint/key-file';
import { ALG_COSIGNATURE_V1, ALG_ED25519, parseVkey, vkeyOf } from '../checkpoint/note';
import type { AppConfig } from '../config/app-config';
import type { Db } from '../database/db';
import { Clock } from '../workflow/clock';
import { UsageError, type Printer } from './token-commands';
import { fetchHttp, readWitnessState, witnessOnce, writeWitnessState } from './witness';

const option = (args: string[], name: string): string | undefined => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return value;
};

/**
 * `keys create [--name NAME] [--out PATH] [--witness]`: a new Ed25519 key pair in a 0600 file (never over one). The
 * log's key by default (name CHECKPOINT_ORIGIN, file CHECKPOINT_KEY_FILE); a witness's key with --witness or a --name
 * other than the origin (file data/keys/NAME.key). Prints the public key (vkey) to register or to pin.
 */
export function keysCreate(config: AppConfig, args: string[], print: Printer): number {
  const name = option(args, '--name') ?? config.CHECKPOINT_ORIGIN;
  const witness = args.includes('--witness') || name !== config.CHECKPOINT_ORIGIN;
  const out =
    option(args, '--out') ??
    (witness ? path.join('data', 'keys', `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.key`) : config.CHECKPOINT_KEY_FILE);
  const key = createKeyFile(out, name, witness ? ALG_COSIGNATURE_V1 : ALG_ED25519);
  print.out(vkeyOf(key));
  print.err(
    `Wrote the ${witness ? 'witness' : 'log'} key ${name} to ${out} (mode 0600); the line above is its public key.`,
  );
  return 0;
}

/** `checkpoint`: makes a checkpoint now (when the log grew) and prints its signed note. */
export async function checkpointCommand(db: Db, config: AppConfig, print: Printer): Promise<number> {
  const outcome = await new CheckpointService(db, config, new Clock()).create();
  print.out(outcome.checkpoint.note.trimEnd());
  print.err(
    outcome.created ? `Checkpoint ${outcome.checkpoint.size} signed.` : 'The log has not grown: no new checkpoint.',
  );
  return 0;
}

/** `verify-checkpoints [--witnesses N] [--log-key VKEY]`: every checkpoint against the key, each other and the log. */
export async function verifyCheckpointsCommand(
  db: Db,
  config: AppConfig,
  args: string[],
  print: Printer,
): Promise<number> {
  const given = option(args, '--log-key');
  const witnesses = Number(option(args, '--witnesses') ?? 0);
  if (!Number.isInteger(witnesses) || witnesses < 0) throw new UsageError('--witnesses needs a whole number');
  let logKey = given ? parseVkey(given) : null;
  if (given && !logKey) throw new UsageError('--log-key is not a vkey');
  if (!given) {
    logKey = logVerifierFromFile(config.CHECKPOINT_KEY_FILE);
    if (!logKey) print.err(`No log key could be read from ${config.CHECKPOINT_KEY_FILE}; give --log-key VKEY.`);
  }
  const problems = await checkpointProblems(db, { logKey, origin: config.CHECKPOINT_ORIGIN, witnesses });
  for (const p of problems) {
    print.out(`${p.kind}${p.workflowId ? ` ${p.workflowId} seq ${p.seq}` : ''}: ${p.message}`);
  }
  print.out(problems.length ? `${problems.length} checkpoint problem(s)` : 'checkpoints verified: all clean');
  return problems.length ? 1 : 0;
}

/** `witness --api URL --token T --key FILE --state FILE [--log-key VKEY]`: one run of a party's witness. */
export async function witnessCommand(args: string[], print: Printer): Promise<number> {
  const api = option(args, '--api');
  const token = option(args, '--token') ?? process.env.WITNESS_TOKEN;
  const keyFile = option(args, '--key');
  const stateFile = option(args, '--state');
  if (!api || !token || !keyFile || !stateFile) throw new UsageError('witness needs --api, --token, --key and --state');
  const outcome = await witnessOnce(fetchHttp(api, token), readKeyFile(keyFile), readWitnessState(stateFile), {
    logKey: option(args, '--log-key'),
    save: (state) => writeWitnessState(stateFile, state),
  });
  if (!outcome.ok) {
    print.err(`Refused: ${outcome.reason}`);
    return 1;
  }
  print.out(outcome.message);
  return 0;
}
