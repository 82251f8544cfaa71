import type { FuzzKit, FuzzTarget } from './kit';

/** The fuzz targets of src/council. */
export function councilTargets(_fx: FuzzKit): FuzzTarget[] {
  return [];
}
