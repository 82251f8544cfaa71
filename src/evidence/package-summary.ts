import type { PackagedHead, PackageInfo } from './package-data';
import { MANIFEST, xml } from './package-layout';

/**
 * The package's human-readable summary (documentation/summary.html), in Swedish with English beside it: what the
 * package holds, the workflows and their states as of the package, and how to check it. Self-contained: no script,
 * no external style, so an e-archive can show it as it is.
 */
export function summaryHtml(info: PackageInfo, heads: PackagedHead[]): string {
  const period =
    info.period.from || info.period.to
      ? `${info.period.from ?? 'början'} – ${info.period.to ?? 'exporten'}`
      : 'hela loggen / the whole log';
  const rows = heads
    .map(
      (h) =>
        `<tr><td><code>${xml(h.id)}</code></td><td>${xml(h.subject)}</td><td>${xml(h.machineId)}@${h.machineVersion}</td>` +
        `<td>${xml(h.state)}</td><td>${h.version + 1}</td><td>${h.complete ? 'ja / yes' : 'nej / no (rader efter perioden utelämnade)'}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Bevispaket ${xml(info.collaboration.name)} – ${xml(info.packageId)}</title>
</head>
<body>
<main>
<h1>Bevispaket: ${xml(info.collaboration.name)}</h1>
<p lang="en">Evidence package of the transition log of ${xml(info.collaboration.name)}.</p>
<dl>
<dt>Paket / Package</dt><dd><code>${xml(info.packageId)}</code> (${xml(info.format)})</dd>
<dt>Exporterat / Exported</dt><dd>${xml(info.exportedAt)} (UTC)</dd>
<dt>Period</dt><dd>${xml(period)}</dd>
<dt>Arbetsflöden / Workflows</dt><dd>${info.workflows}</dd>
<dt>Loggrader / Log rows</dt><dd>${info.rows} (varav ${info.rowsInPeriod} i perioden / in the period)</dd>
<dt>Maskiner / Machines</dt><dd>${info.machines.map(xml).join(', ')}</dd>
<dt>Kontrollpunkter / Checkpoints</dt><dd>${info.checkpoints.sizes.join(', ')} (${xml(info.checkpoints.origin)}); varje rad bevisas under ${info.checkpoints.latest} / every row is proven under ${info.checkpoints.latest}</dd>
<dt>Loggens nyckel / Log key</dt><dd><code>${xml(info.checkpoints.logKey)}</code></dd>
</dl>
<h2>Så kontrolleras paketet / How to check it</h2>
<p>Varje fil har sin SHA-256 i <code>${MANIFEST}</code>. Varje loggrad bär hashen av sitt innehåll och av raden före,
från arbetsflödets första rad. Kontrollera allt, utan databas och utan nätverk, med
<code>npm run cli -- verify-export PAKET.tar</code> i en utcheckning av Samverkan.</p>
<p>Kontrollpunkterna är signerade med loggens nyckel och medsignerade av parternas vittnen. Jämför nyckeln ovan med
den ni själva har antecknat (<code>--log-key</code>) och kräv ett antal vittnen med <code>--witnesses N</code>.</p>
<p lang="en">The checkpoints are signed by the log's key and cosigned by the parties' witnesses: compare the key above
with your own record of it (<code>--log-key</code>) and require witnesses with <code>--witnesses N</code>.</p>
<p lang="en">Every file has its SHA-256 in <code>${MANIFEST}</code>; every log row carries the hash of its content and of
the row before it. Check everything offline with <code>npm run cli -- verify-export PACKAGE.tar</code>.</p>
<h2>Arbetsflöden / Workflows</h2>
<table>
<thead><tr><th scope="col">Id</th><th scope="col">Avser / Subject</th><th scope="col">Maskin</th><th scope="col">Läge / State</th><th scope="col">Rader</th><th scope="col">Fullständig</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
</body>
</html>
`;
}
