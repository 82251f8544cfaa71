import type { FuzzKit, FuzzTarget } from './kit';

/** The fuzz targets of src/cost. */
export function costTargets(_fx: FuzzKit): FuzzTarget[] {
  return [];
}
