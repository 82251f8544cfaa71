import type { FuzzKit, FuzzTarget } from './kit';

/** The fuzz targets of src/area. */
export function areaTargets(_fx: FuzzKit): FuzzTarget[] {
  return [];
}
