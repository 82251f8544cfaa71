/**
 * How each table stands to the chain (issue 10 §2; the table in docs/architecture.md says the same). Every entity of
 * src/database/entities.ts must be here: test/machines/table-coverage.spec.ts fails on a table without a class.
 * - `log`: the chain itself (verify: hashes, links, replay).
 * - `projection`: rebuilt from the log, or compared with what the log says (verify for the heads, the table checks
 *   for the rest).
 * - `hashed-into-log`: each row's legal fields are hashed into a log row written in its transaction (the record
 *   register); the table checks look every stored row up.
 * - `not-legal`: no status or decision depends on it.
 */
export type Coverage = 'log' | 'projection' | 'hashed-into-log' | 'not-legal';

export const TABLE_COVERAGE: Record<string, { coverage: Coverage; how: string }> = {
  workflow_transition: { coverage: 'log', how: 'The hash-chained log; verify replays it.' },
  workflow_instance: {
    coverage: 'projection',
    how: 'The head: verify rebuilds version, state, last hash and snapshot by replay (subject is a label nothing decides on).',
  },
  workflow_due_event: { coverage: 'projection', how: "The head's dueEvents(context, state), recomputed and compared." },
  workflow_link: {
    coverage: 'projection',
    how: 'Each link names logged rows of its event type; each event citing a decision has its drives link (R-C11).',
  },
  collaboration: {
    coverage: 'projection',
    how: "Slug and name against its workflow's genesis; settings against its workflow's context.",
  },
  membership: { coverage: 'projection', how: "Collaboration and kommunkod against its workflow's genesis." },
  area: { coverage: 'projection', how: "Area id and collaboration against its workflow's genesis." },
  amendment: { coverage: 'projection', how: "Amendment id and collaboration against its workflow's genesis." },
  plan: { coverage: 'projection', how: "Collaboration and title against its workflow's genesis (its id)." },
  council: { coverage: 'projection', how: "Collaboration against its workflow's genesis." },
  cost_rule: { coverage: 'projection', how: "Collaboration and scope against its workflow's genesis (its id)." },
  cost_invoice: {
    coverage: 'projection',
    how: 'Its id is derived from its rule and number; its rule is a cost-rule workflow.',
  },
  decision: {
    coverage: 'projection',
    how: "A paragraph against its protocol workflow (genesis: organ, date; context: number, subject, collaboration, document, diarienummer); every decision an event rests on against that event's payload (organ, date, paragraph, diarienummer).",
  },
  matter: {
    coverage: 'projection',
    how: "Its diarienummer against each logged paragraph or decision reference that names it (the title is the clerk's label).",
  },
  record_register: { coverage: 'projection', how: "Scope against its register workflow's genesis." },
  body: {
    coverage: 'hashed-into-log',
    how: 'Kind, name and member count decide quorum (R-H); fullmäktige’s decision allowing open meetings (R-H18).',
  },
  meeting: {
    coverage: 'hashed-into-log',
    how: 'Date, attendees, closing and justering times go into each paragraph; whether it is public (R-H18).',
  },
  document: { coverage: 'hashed-into-log', how: 'Key, title, collaboration.' },
  delegation_decision: {
    coverage: 'hashed-into-log',
    how: 'Kind, delegate, point of the delegationsordning, date, matter, text (R-I9, R-H17); its anmälan is the protocol workflow of the decision of the same id.',
  },
  document_version: {
    coverage: 'hashed-into-log',
    how: 'Text and its SHA-256 (R-B5); the SHA-256 is also recomputed.',
  },
  signature: {
    coverage: 'hashed-into-log',
    how: 'Signer, office, date, method, signed hash, stand-in basis (R-B3, R-B5).',
  },
  refused_attempt: {
    coverage: 'not-legal',
    how: 'Refused attempts, kept outside the chain on purpose (issue 10 §7): nothing was recorded, and no status or decision reads them.',
  },
  checkpoint: {
    coverage: 'not-legal',
    how: 'Signed notes over the log: each checks itself by its Ed25519 signature and its consistency with the log (verify-checkpoints); no status reads it.',
  },
  checkpoint_tile: {
    coverage: 'not-legal',
    how: 'A copy of the leaves a checkpoint covered, used only to name a differing row, and only once it reproduces the signed root.',
  },
  checkpoint_witness: {
    coverage: 'not-legal',
    how: "The witnesses' public keys: who may cosign, never what a record says.",
  },
  checkpoint_cosignature: {
    coverage: 'not-legal',
    how: "Witnesses' cosignatures: each checks itself against its witness key.",
  },
  machine_definition: {
    coverage: 'not-legal',
    how: 'The fingerprint of each machine version on first use; verify compares it with the running definition (DEFINITION_CHANGED).',
  },
  web_session: { coverage: 'not-legal', how: "The pages' sign-in sessions: access, like api_token." },
  person_account: { coverage: 'not-legal', how: 'Access control, like api_token: who may sign in to the pages.' },
  api_token: { coverage: 'not-legal', how: 'Access control: a token decides who may write, never what a record says.' },
  municipality: {
    coverage: 'not-legal',
    how: 'The reference list of kommunkoder, seeded by migration: records name a municipality by its code, never by this row.',
  },
  // Gallring of personal data (h-gallring)
  personal_datum: {
    coverage: 'projection',
    how: 'Salt and value hash to the commitment that the log rows hold (pd:<commitment>); a row without them, and its removal columns, against the logged gallring (PERSONAL_DATA_REMOVED) that names it.',
  },
  // Secrecy and openness (issue 11 §8)
  secret_text: {
    coverage: 'projection',
    how: 'A markable text of a paragraph: salt and value hash to the commitment that the log rows hold (sk:<commitment>), and its decision, municipality and field are what the log row naming it says; every commitment the log names is stored, every stored one named (secret-text-checks.ts). The text itself is kept here, beside the log.',
  },
  secrecy_marking: {
    coverage: 'hashed-into-log',
    how: 'Decision, field and OSL provision of a sekretessmarkering (R-K7), hashed into the register of its municipality.',
  },
  secrecy_lifting: {
    coverage: 'hashed-into-log',
    how: 'The marking lifted, the date, decider and reason of the sekretessprövning (R-K13), hashed into the register of its municipality.',
  },
};

/** The columns of each hashed table that its hash leaves out, and why; every other column is hashed. */
export const UNHASHED_COLUMNS: Record<string, string[]> = {
  body: ['createdAt'],
  meeting: ['createdAt', 'example'],
  document: ['createdAt'],
  delegation_decision: ['createdAt'],
  document_version: ['createdAt'],
  signature: ['createdAt'],
  secrecy_marking: ['markedAt'],
  secrecy_lifting: ['liftedAt'],
};
