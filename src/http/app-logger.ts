import { ConsoleLogger } from '@nestjs/common';

/** Nest's console logger with ISO 8601 UTC times, as in the access log, instead of the host's local time. */
export class IsoTimeConsoleLogger extends ConsoleLogger {
  protected getTimestamp(): string {
    return new Date().toISOString();
  }
}
