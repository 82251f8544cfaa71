import type { FuzzKit, FuzzTarget } from './kit';

/** The fuzz targets of src/amendment. */
export function amendmentTargets(_fx: FuzzKit): FuzzTarget[] {
  return [];
}
