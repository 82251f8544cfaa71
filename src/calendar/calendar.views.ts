import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { NonVardagCode, NonVardagReason, PublicHoliday } from '../../machines/calendar/calendar';

// machines/ are pure (no @nestjs/swagger): these classes are the calendar's shapes as the API shows them.

/** An allmän helgdag (lag 1989:253). */
export class PublicHolidayView implements PublicHoliday {
  @ApiProperty({ example: '2026-06-06' }) date: string;
  @ApiProperty({ example: 'Sveriges nationaldag', description: 'The Swedish name as in lag (1989:253)' }) name: string;
  @ApiProperty({ example: 'National Day of Sweden' }) nameEn: string;
}

const NON_VARDAG_CODES: NonVardagCode[] = ['SATURDAY', 'SUNDAY', 'HOLIDAY', 'MIDSOMMARAFTON', 'JULAFTON', 'NYARSAFTON'];

/** Why a date is not a vardag (lag 1930:173 2 §). */
export class NonVardagReasonView implements NonVardagReason {
  @ApiProperty({ enum: NON_VARDAG_CODES }) code: NonVardagCode;
  @ApiProperty() sv: string;
  @ApiProperty() en: string;
  @ApiPropertyOptional({ type: PublicHolidayView, description: "Set when code is 'HOLIDAY'" })
  holiday?: PublicHolidayView;
}

/** Midsommarafton, julafton or nyårsafton: not a vardag, though not a helgdag. */
export class AftonView {
  @ApiProperty({ example: '2026-06-19' }) date: string;
  @ApiProperty({ type: NonVardagReasonView, nullable: true }) reason: NonVardagReasonView | null;
}

export class HolidaysView {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ type: [PublicHolidayView] }) holidays: PublicHolidayView[];
  @ApiProperty({ type: [AftonView] }) aftnar: AftonView[];
}
