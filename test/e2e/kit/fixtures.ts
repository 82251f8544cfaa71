/**
 * Shared e2e fixtures, taken from the demo data itself (src/seed), not copied: the Mellerud socialnämnd paragraph as
 * seed 002 gives it (R-H19), its attendees and the reservation's motivation.
 */
export { MELLERUD_PARAGRAPH, MOTIVATION, SOCIALNAMNDEN_ATTENDEES } from '../../../src/seed/mellerud-example';

/** Mellerud's municipality code, where the demo seed records the socialnämnd paragraph (src/seed/demo-seed.ts). */
export const MELLERUD = '1461';
