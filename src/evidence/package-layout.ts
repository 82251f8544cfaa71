/**
 * The evidence package's layout and its metadata files, after E-ARK CSIP and SIP 2.1 (Riksarkivet's FGS
 * Paketstruktur 2.0): a root `METS.xml` pointing at the representation's own `METS.xml`, PREMIS for the fixity and
 * the events under `metadata/preservation/`, the data under `representations/rep1/data/`, and a human-readable
 * summary under `documentation/`. `manifest-sha256.txt` lists the SHA-256 of every other file; the verifier starts
 * from it. Pure string builders: no I/O here.
 */

export const PACKAGE_FORMAT = 'samverkan-evidence/2';
export const MANIFEST = 'manifest-sha256.txt';
export const PACKAGE_INFO = 'representations/rep1/data/package.json';
export const WORKFLOWS = 'representations/rep1/data/workflows.json';
export const RECORDS = 'representations/rep1/data/records.json';
export const LOG_CSV = 'representations/rep1/data/log.csv';
export const logFile = (workflowId: string) => `representations/rep1/data/log/${workflowId}.jsonl`;
export const machineFile = (id: string, version: number) => `representations/rep1/data/machines/${id}@${version}.json`;
/** The signed checkpoints (C2SP signed notes with their cosignature lines), the keys, and the proofs under them. */
export const checkpointFile = (size: number) => `representations/rep1/data/checkpoints/${size}.checkpoint`;
export const LOG_VKEY = 'representations/rep1/data/checkpoints/log.vkey';
export const WITNESS_VKEYS = 'representations/rep1/data/checkpoints/witnesses.vkey';
/** Line n holds the inclusion proof of line n of the workflow's log file. */
export const inclusionFile = (workflowId: string) => `representations/rep1/data/proofs/${workflowId}.jsonl`;
export const CONSISTENCY = 'representations/rep1/data/proofs/consistency.json';
export const REP_METS = 'representations/rep1/METS.xml';
export const ROOT_METS = 'METS.xml';
export const PREMIS = 'metadata/preservation/premis.xml';
export const SUMMARY = 'documentation/summary.html';

/** A file of the package as the metadata lists it. */
export interface PackagedFile {
  path: string;
  sha256: string;
  size: number;
  mime: string;
}

export function mimeOf(path: string): string {
  if (path.endsWith('.jsonl')) return 'application/x-ndjson';
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.csv')) return 'text/csv';
  if (path.endsWith('.html')) return 'text/html';
  if (path.endsWith('.xml')) return 'application/xml';
  return 'text/plain';
}

export const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** The manifest: one `<sha256>  <path>` line per file (sha256sum's format), sorted by path. */
export function manifestText(files: PackagedFile[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join('');
}

export function parseManifest(text: string): Map<string, string> | null {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const m = /^([0-9a-f]{64}) {2}(\S.*)$/.exec(line);
    if (!m || out.has(m[2])) return null;
    out.set(m[2], m[1]);
  }
  return out;
}

const NS =
  'xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
  'xmlns:csip="https://DILCIS.eu/XML/METS/CSIPExtensionMETS" xmlns:sip="https://DILCIS.eu/XML/METS/SIPExtensionMETS" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xsi:schemaLocation="http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd"';

/** A METS document (CSIP profile) listing `files` in one file group and one structural map. */
export function metsXml(o: {
  objId: string;
  label: string;
  created: string;
  files: PackagedFile[];
  /** The root METS is the SIP's; a representation's METS describes its data only. */
  root: boolean;
}): string {
  const id = (i: number) => `FILE-${String(i + 1).padStart(5, '0')}`;
  const entries = o.files
    .map(
      (f, i) =>
        `      <mets:file ID="${id(i)}" MIMETYPE="${f.mime}" SIZE="${f.size}" CREATED="${o.created}" ` +
        `CHECKSUM="${f.sha256}" CHECKSUMTYPE="SHA-256">\n` +
        `        <mets:FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="${xml(f.path)}"/>\n      </mets:file>`,
    )
    .join('\n');
  const pointers = o.files.map((_f, i) => `        <mets:fptr FILEID="${id(i)}"/>`).join('\n');
  const profile = o.root
    ? 'https://earksip.dilcis.eu/profile/E-ARK-SIP.xml'
    : 'https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml';
  return `<?xml version="1.0" encoding="UTF-8"?>
<mets:mets ${NS} OBJID="${xml(o.objId)}" LABEL="${xml(o.label)}" TYPE="Other" csip:OTHERTYPE="Samverkan transition log" csip:CONTENTINFORMATIONTYPE="OTHER" csip:OTHERCONTENTINFORMATIONTYPE="${PACKAGE_FORMAT}" PROFILE="${profile}">
  <mets:metsHdr CREATEDATE="${o.created}" RECORDSTATUS="NEW"${o.root ? ' csip:OAISPACKAGETYPE="SIP"' : ''}>
    <mets:agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE">
      <mets:name>Samverkan</mets:name>
      <mets:note csip:NOTETYPE="SOFTWARE VERSION">${PACKAGE_FORMAT}</mets:note>
    </mets:agent>
  </mets:metsHdr>
  <mets:fileSec ID="FILESEC">
    <mets:fileGrp ID="FILEGRP" USE="${o.root ? 'Package' : 'Representations/rep1/Data'}">
${entries}
    </mets:fileGrp>
  </mets:fileSec>
  <mets:structMap ID="STRUCTMAP" TYPE="PHYSICAL" LABEL="CSIP">
    <mets:div ID="DIV-ROOT" LABEL="${xml(o.objId)}">
      <mets:div ID="DIV-FILES" LABEL="${o.root ? 'Package' : 'Data'}">
${pointers}
      </mets:div>
    </mets:div>
  </mets:structMap>
</mets:mets>
`;
}

/** PREMIS 3: one object per file with its fixity, and the package's events (the export, the checks made at it). */
export function premisXml(o: {
  objId: string;
  created: string;
  files: PackagedFile[];
  events: Array<{ type: string; detail: string; outcome: 'success' | 'failure' }>;
}): string {
  const objects = o.files
    .map(
      (f) => `  <premis:object xsi:type="premis:file">
    <premis:objectIdentifier><premis:objectIdentifierType>local</premis:objectIdentifierType><premis:objectIdentifierValue>${xml(f.path)}</premis:objectIdentifierValue></premis:objectIdentifier>
    <premis:objectCharacteristics>
      <premis:compositionLevel>0</premis:compositionLevel>
      <premis:fixity><premis:messageDigestAlgorithm>SHA-256</premis:messageDigestAlgorithm><premis:messageDigest>${f.sha256}</premis:messageDigest></premis:fixity>
      <premis:size>${f.size}</premis:size>
      <premis:format><premis:formatDesignation><premis:formatName>${f.mime}</premis:formatName></premis:formatDesignation></premis:format>
    </premis:objectCharacteristics>
  </premis:object>`,
    )
    .join('\n');
  const events = o.events
    .map(
      (e, i) => `  <premis:event>
    <premis:eventIdentifier><premis:eventIdentifierType>local</premis:eventIdentifierType><premis:eventIdentifierValue>event-${i + 1}</premis:eventIdentifierValue></premis:eventIdentifier>
    <premis:eventType>${xml(e.type)}</premis:eventType>
    <premis:eventDateTime>${o.created}</premis:eventDateTime>
    <premis:eventDetailInformation><premis:eventDetail>${xml(e.detail)}</premis:eventDetail></premis:eventDetailInformation>
    <premis:eventOutcomeInformation><premis:eventOutcome>${e.outcome}</premis:eventOutcome></premis:eventOutcomeInformation>
    <premis:linkingAgentIdentifier><premis:linkingAgentIdentifierType>local</premis:linkingAgentIdentifierType><premis:linkingAgentIdentifierValue>samverkan</premis:linkingAgentIdentifierValue></premis:linkingAgentIdentifier>
  </premis:event>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<premis:premis xmlns:premis="http://www.loc.gov/premis/v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0">
${objects}
${events}
  <premis:agent>
    <premis:agentIdentifier><premis:agentIdentifierType>local</premis:agentIdentifierType><premis:agentIdentifierValue>samverkan</premis:agentIdentifierValue></premis:agentIdentifier>
    <premis:agentName>Samverkan</premis:agentName>
    <premis:agentType>software</premis:agentType>
  </premis:agent>
</premis:premis>
`;
}

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading formula character neutralised. */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
