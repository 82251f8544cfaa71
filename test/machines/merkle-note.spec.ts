import {
  ALG_COSIGNATURE_V1,
  ALG_ED25519,
  checkpointBody,
  cosign,
  cosignatureTime,
  decodeSkey,
  encodeSkey,
  generateNoteKey,
  noteText,
  parseCheckpointBody,
  parseVkey,
  signNote,
  splitNote,
  verifyNote,
  vkeyOf,
} from '../../src/checkpoint/note';

// The known answer of golang.org/x/mod/sumdb/note (the signed-note reference implementation): its example key and
// note. Ed25519 is deterministic, so signing the text with the key must give this signature line byte for byte.
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const SIGNED = `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('signed notes, checkpoints and cosignatures (C2SP)', () => {
  it('reproduces the reference note: key ID, vkey, skey and signature byte for byte', () => {
    const key = decodeSkey(SKEY);
    expect(key.name).toBe('PeterNeumann');
    expect(vkeyOf(key)).toBe(VKEY);
    expect(encodeSkey(key).trim()).toBe(SKEY);
    expect(noteText(TEXT, [signNote(TEXT, key)])).toBe(SIGNED);
    const verifier = parseVkey(VKEY)!;
    expect(verifyNote(splitNote(SIGNED)!, verifier)).toBe(true);
    // One changed character of the text, or another key of the same name, and the signature does not hold.
    expect(verifyNote(splitNote(SIGNED.replace('answer', 'Answer'))!, verifier)).toBe(false);
    const other = generateNoteKey('PeterNeumann', ALG_ED25519);
    expect(verifyNote(splitNote(SIGNED)!, other)).toBe(false);
  });

  it('refuses malformed vkeys and skeys', () => {
    expect(parseVkey(VKEY.replace('c74f20a3', 'c74f20a4'))).toBeNull();
    expect(parseVkey('PeterNeumann+c74f20a3')).toBeNull();
    expect(parseVkey('Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toBeNull();
    expect(() => decodeSkey(SKEY.replace('c74f20a3', '00000000'))).toThrow();
    expect(() => decodeSkey('PeterNeumann')).toThrow();
  });

  it('writes and reads a checkpoint body: origin, size, base64 root, extension lines', () => {
    const root = Buffer.alloc(32, 7);
    const body = checkpointBody('samverkan.example/test', 42, root, ['time 2026-12-02T10:00:00.000Z']);
    expect(body).toBe(`samverkan.example/test\n42\n${root.toString('base64')}\ntime 2026-12-02T10:00:00.000Z\n`);
    expect(parseCheckpointBody(body)).toEqual({
      origin: 'samverkan.example/test',
      size: 42,
      root,
      extensions: ['time 2026-12-02T10:00:00.000Z'],
    });
    expect(parseCheckpointBody('x\n042\nAA==\n')).toBeNull();
  });

  it('makes a cosignature/v1 that verifies with its time, and not over another body or with another key', () => {
    const body = checkpointBody('samverkan.example/test', 3, Buffer.alloc(32, 1));
    const witness = generateNoteKey('witness-1492', ALG_COSIGNATURE_V1);
    const line = cosign(body, witness, 1_700_000_000);
    expect(vkeyOf(witness)).toMatch(/^witness-1492\+[0-9a-f]{8}\+B/); // 0x04 in front of the key
    expect(cosignatureTime(body, line, parseVkey(vkeyOf(witness))!)).toBe(1_700_000_000);
    expect(cosignatureTime(body.replace('\n3\n', '\n4\n'), line, witness)).toBeNull();
    expect(cosignatureTime(body, line, generateNoteKey('witness-1492', ALG_COSIGNATURE_V1))).toBeNull();
    // The raw signature is the 4-byte key ID, the 8-byte big-endian time, and 64 bytes of Ed25519.
    const raw = Buffer.from(line.split(' ')[2], 'base64');
    expect(raw.length).toBe(4 + 8 + 64);
    expect(Number(raw.readBigUInt64BE(4))).toBe(1_700_000_000);
  });
});
