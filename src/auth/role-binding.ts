import { badInput } from '../common/errors';
import { ROLES, type Role } from './roles.decorator';

/**
 * The one rule of who is bound to what, for a token and a person alike: a role of the API's, and a clerk bound to
 * exactly one municipality (the others to none). `cliFlag` names the CLI's option in the clerk's message.
 */
export function assertRoleBinding(role: string, municipalityCode: string | null, cliFlag = '--municipality'): void {
  if (!ROLES.includes(role as Role)) {
    throw badInput('role', `must be one of ${ROLES.join(', ')}`, `ska vara en av ${ROLES.join(', ')}`);
  }
  if (role === 'clerk' && !municipalityCode) {
    throw badInput(
      'municipalityCode',
      `a clerk is bound to one municipality; give its code (CLI: ${cliFlag} CODE)`,
      `en registrator är knuten till en kommun; ange dess kod (CLI: ${cliFlag} KOD)`,
    );
  }
  if (role !== 'clerk' && municipalityCode) {
    throw badInput(
      'municipalityCode',
      'only a clerk is bound to a municipality',
      'endast en registrator knyts till en kommun',
    );
  }
}
