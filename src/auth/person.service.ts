import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { In } from 'typeorm';
import { AppError, badInput, notFound } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { Db, isUniqueViolation } from '../database/db';
import type { Tx } from '../database/tx';
import { MunicipalityEntity } from '../municipality/municipality.entity';
import type { Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import { ActorDirectory } from '../workflow/history/actor-directory';
import { decoyHash, hashPassword, passwordMatches } from './password';
import { PersonAccountEntity } from './person-account.entity';
import { RateWindows } from './rate-limit';
import { assertRoleBinding } from './role-binding';

/** What an admin gives a new person. */
export interface NewPerson {
  userName: string;
  name: string;
  role: string;
  municipalityCode?: string | null;
  password: string;
  /** `token:<id>` of the admin (API), `cli:<os user>`. */
  createdBy: string;
}

export type PersonStatus = 'active' | 'revoked';
export const PERSON_STATUSES: PersonStatus[] = ['active', 'revoked'];

/** A person as the API and the CLI show them: never the password's hash. */
export interface PersonView {
  id: string;
  userName: string;
  name: string;
  role: string;
  municipalityCode: string | null;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  status: PersonStatus;
}

/** A sign-in's answer: the person, or refused (the same answer for an unknown name and a wrong password), or limited. */
export type PersonSignIn =
  | { ok: true; person: PersonView }
  | { ok: false; reason: 'refused' }
  | { ok: false; reason: 'limited'; retryAfterSeconds: number };

const USER_NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export function personView(row: PersonAccountEntity): PersonView {
  const { passwordHash: _hash, ...rest } = row;
  return { ...rest, status: row.revokedAt ? 'revoked' : 'active' };
}

/** The Actor a person acts as: the same shape a token gives (role and the clerk's municipality as in the API). */
export const actorOfPerson = (p: PersonView): Actor => ({
  id: p.id,
  role: p.role as Actor['role'],
  municipality: p.municipalityCode,
});

/**
 * People who sign in to the pages with a user name and a password, set up by an admin (API or CLI): the password is
 * kept as a salted scrypt hash; a revoked person's sessions end at their next request (the session re-reads the row).
 * Wrong passwords are limited like the API's token checks (auth.guard.ts): an address, and a user name, that failed
 * AUTH_FAILURES_PER_MINUTE times are refused for the rest of their minute, before the password is even looked at.
 */
@Injectable()
export class PersonService {
  private readonly failuresByAddress: RateWindows;
  private readonly failuresByUser: RateWindows;

  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly clock: Clock,
    config: AppConfig,
    // The person behind each actor id of the log, beside the tokens' (src/workflow/history/actor-directory.ts).
    @Optional() actors?: ActorDirectory,
  ) {
    actors?.use({ namesOf: personNames });
    this.failuresByAddress = new RateWindows(config.AUTH_FAILURES_PER_MINUTE);
    this.failuresByUser = new RateWindows(config.AUTH_FAILURES_PER_MINUTE);
  }

  async create(spec: NewPerson): Promise<PersonView> {
    const valid = validate(spec);
    const passwordHash = await hashPassword(spec.password);
    const row: PersonAccountEntity = {
      id: randomUUID(),
      ...valid,
      passwordHash,
      createdBy: spec.createdBy,
      createdAt: this.clock.nowIso(),
      revokedAt: null,
      revokedBy: null,
    };
    await this.db
      .write(async (tx) => {
        await assertMunicipality(tx, row.municipalityCode);
        if (await tx.findOne(PersonAccountEntity, { where: { userName: row.userName } })) throw taken(row.userName);
        await tx.insert(PersonAccountEntity, row);
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? taken(row.userName) : error;
      });
    return personView(row);
  }

  async list(status?: PersonStatus): Promise<PersonView[]> {
    const rows = await this.db.read((tx) => tx.find(PersonAccountEntity, { order: { createdAt: 'ASC', id: 'ASC' } }));
    const views = rows.map(personView);
    return status ? views.filter((v) => v.status === status) : views;
  }

  async get(id: string): Promise<PersonView> {
    const row = await this.db.read((tx) => tx.findOne(PersonAccountEntity, { where: { id } }));
    if (!row) throw notFound(`Person ${id}`, `Person ${id}`);
    return personView(row);
  }

  /** From now on they cannot sign in, and their sessions end at their next request; again is harmless. */
  async revoke(id: string, revokedBy: string): Promise<PersonView> {
    const now = this.clock.nowIso();
    const row = await this.db.write(async (tx) => {
      const found = await tx.findOne(PersonAccountEntity, { where: { id } });
      if (!found) throw notFound(`Person ${id}`, `Person ${id}`);
      if (found.revokedAt) return found;
      await tx.update(PersonAccountEntity, { id }, { revokedAt: now, revokedBy });
      return { ...found, revokedAt: now, revokedBy };
    });
    return personView(row);
  }

  /** A sign-in by user name and password from `address`. */
  async signIn(userName: string, password: string, address: string): Promise<PersonSignIn> {
    const user = userName.trim().toLowerCase();
    const blocked = Math.max(this.failuresByAddress.exhausted(address), this.failuresByUser.exhausted(user));
    if (blocked) return { ok: false, reason: 'limited', retryAfterSeconds: blocked };
    const row =
      USER_NAME.test(user) && password.length <= PASSWORD_MAX
        ? await this.db.read((tx) => tx.findOne(PersonAccountEntity, { where: { userName: user } }))
        : null;
    // The hash is computed whether or not the person exists: the answer's time says nothing about the name.
    const matches = await passwordMatches(password, row?.passwordHash ?? (await decoyHash()));
    if (!row || !matches || row.revokedAt) {
      this.failuresByAddress.hit(address);
      this.failuresByUser.hit(user);
      return { ok: false, reason: 'refused' };
    }
    return { ok: true, person: personView(row) };
  }
}

function validate(spec: NewPerson): Pick<PersonAccountEntity, 'userName' | 'name' | 'role' | 'municipalityCode'> {
  const userName = typeof spec.userName === 'string' ? spec.userName.trim().toLowerCase() : '';
  if (!USER_NAME.test(userName)) {
    throw badInput(
      'userName',
      'must be 2 to 64 characters: a–z, 0–9, dot, hyphen or underscore, starting with a letter or digit',
      'ska vara 2 till 64 tecken: a–z, 0–9, punkt, bindestreck eller understreck, och börja med en bokstav eller siffra',
    );
  }
  const name = typeof spec.name === 'string' ? spec.name.trim() : '';
  if (!name) throw badInput('name', 'the person’s name is required', 'personens namn krävs');
  if (name.length > 200) throw badInput('name', 'must be at most 200 characters', 'får vara högst 200 tecken');
  const password = typeof spec.password === 'string' ? spec.password : '';
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw badInput(
      'password',
      `must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`,
      `ska vara ${PASSWORD_MIN} till ${PASSWORD_MAX} tecken`,
    );
  }
  const municipalityCode = spec.municipalityCode ?? null;
  assertRoleBinding(spec.role, municipalityCode);
  return { userName, name, role: spec.role, municipalityCode };
}

function taken(userName: string): AppError {
  return new AppError(
    'CONFLICT',
    'USER_NAME_TAKEN',
    `A person with the user name ${userName} is set up already.`,
    `En person med användarnamnet ${userName} finns redan.`,
    undefined,
    { field: 'userName' },
  );
}

async function assertMunicipality(tx: Tx, code: string | null): Promise<void> {
  if (code && !(await tx.findOne(MunicipalityEntity, { where: { code } }))) {
    throw new AppError(
      'NOT_FOUND',
      'UNKNOWN_MUNICIPALITY',
      `No municipality with code ${code}.`,
      `Ingen kommun med kod ${code}.`,
    );
  }
}

/** The person behind each person id, for the history's actors. */
export async function personNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const rows = await tx.find(PersonAccountEntity, { where: { id: In(ids) }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}
