import type { FuzzKit, FuzzTarget } from './kit';

/** The fuzz targets of src/plan. */
export function planTargets(_fx: FuzzKit): FuzzTarget[] {
  return [];
}
