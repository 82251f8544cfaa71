import { Injectable } from '@nestjs/common';
import { toStockholmDate } from '../../machines/calendar/calendar';

/** The only clock: machines never read time; the service stamps instants and asks "today in Stockholm" here. */
@Injectable()
export class Clock {
  nowIso(): string {
    return new Date().toISOString();
  }

  todayInStockholm(): string {
    return toStockholmDate(this.nowIso());
  }
}
