import { ParseUUIDPipe } from '@nestjs/common';
import { AppError } from './errors';

/** Path ids are UUIDs: anything else is a 400 naming the field, never a database lookup. */
export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () =>
    new AppError('BAD_INPUT', 'VALIDATION_FAILED', 'id: must be a UUID', 'id: ska vara ett UUID', undefined, {
      fields: [{ field: 'id', reason: 'must be a UUID', reasonSv: 'ska vara ett UUID' }],
    }),
});
