import { Injectable, OnModuleInit } from '@nestjs/common';
import { toStockholmDate } from '../../machines/calendar/calendar';
import { useTodayOf } from '../common/input-limits';

/** The only clock: machines never read time; the service stamps instants and asks "today in Stockholm" here. */
@Injectable()
export class Clock implements OnModuleInit {
  /** The input checks ("a decision cannot lie after today") ask this clock too, so both agree on the day. */
  onModuleInit(): void {
    useTodayOf(this);
  }

  nowIso(): string {
    return new Date().toISOString();
  }

  todayInStockholm(): string {
    return toStockholmDate(this.nowIso());
  }
}
