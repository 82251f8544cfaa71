import { MachineRegistry } from '../workflow/machine-registry';
import { checkEvidence } from '../evidence/evidence-check';
import type { Printer } from './token-commands';
import { UsageError } from './token-commands';

/**
 * `verify-export PATH`: checks an evidence package with no database and no network (nothing here opens one). The
 * result as JSON on stdout; each problem also on stderr as `file[:line] KIND message`. Exit 1 on any problem.
 */
export async function verifyExportCommand(args: string[], print: Printer): Promise<number> {
  const path = args.find((a) => !a.startsWith('--'));
  if (!path) throw new UsageError('verify-export needs the PATH of a package (.tar)');
  const result = await checkEvidence(path, new MachineRegistry());
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
