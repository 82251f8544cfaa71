import { MachineRegistry } from '../workflow/machine-registry';
import { checkEvidence } from '../evidence/evidence-check';
import type { Printer } from './token-commands';
import { UsageError } from './token-commands';

/**
 * `verify-export PATH [--witnesses N] [--log-key VKEY]`: checks an evidence package with no database and no network
 * (nothing here opens one); N witnesses must have cosigned its latest checkpoint, and with --log-key the packaged log
 * key must be the auditor's own record of it. The
 * result as JSON on stdout; each problem also on stderr as `file[:line] KIND message`. Exit 1 on any problem.
 */
export async function verifyExportCommand(args: string[], print: Printer): Promise<number> {
  const valueOf = (name: string) => {
    const at = args.indexOf(name);
    if (at < 0) return undefined;
    const value = args[at + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    return value;
  };
  const witnessesText = valueOf('--witnesses');
  const logKey = valueOf('--log-key');
  const witnesses = Number(witnessesText ?? 0);
  if (!/^[0-9]{1,3}$/.test(witnessesText ?? '0')) throw new UsageError('--witnesses needs a whole number');
  const path = args.find((a, i) => !a.startsWith('--') && !['--witnesses', '--log-key'].includes(args[i - 1]));
  if (!path) throw new UsageError('verify-export needs the PATH of a package (.tar)');
  const result = await checkEvidence(path, new MachineRegistry(), { witnesses, logKey });
  for (const p of result.problems)
    print.err(
      `${p.file}${p.line ? `:${p.line}` : ''}${p.seq !== undefined ? ` (seq ${p.seq})` : ''} ${p.kind} ${p.message}`,
    );
  print.out(JSON.stringify(result, null, 2));
  print.err(
    result.ok
      ? `${result.packageId}: ${result.files} files, ${result.workflows} workflows, ${result.rows} rows: all checks pass`
      : `${result.packageId ?? path}: ${result.problems.length} problem(s)`,
  );
  return result.ok ? 0 : 1;
}
