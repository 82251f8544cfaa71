import { ApiProperty } from '@nestjs/swagger';
import { HistoryActorView } from '../workflow/history/history.views';

/** The refused event as its SHA-256 (canonical JSON) and field names; its values are not kept. */
export class RefusedInputView {
  @ApiProperty({ type: String, nullable: true }) sha256: string | null;
  @ApiProperty({ type: [String] }) fields: string[];
}

export class RefusalView {
  @ApiProperty({ example: 'EXIT_NOT_ON_31_DEC' }) code: string;
  @ApiProperty({ type: String, nullable: true, example: 'R-C4' }) ruleId: string | null;
  @ApiProperty() message: string;
}

/** A refused attempt as an auditor reads it: who tried what, on which workflow, which rule refused it, when. */
export class RefusedAttemptView {
  @ApiProperty() id: number;
  /** When the refusal was answered (UTC). */
  @ApiProperty({ description: 'When the refusal was answered (UTC, ISO 8601)' }) recordedAt: string;
  /** The same actor shape as a history entry's: token, person, role, municipality. */
  @ApiProperty({ type: HistoryActorView }) actor: HistoryActorView;
  @ApiProperty({ type: String, nullable: true }) workflowId: string | null;
  @ApiProperty({ type: String, nullable: true }) workflowHref: string | null;
  @ApiProperty({ type: String, nullable: true }) eventType: string | null;
  @ApiProperty({ type: RefusedInputView, description: 'Its values are not kept' }) input: RefusedInputView;
  @ApiProperty({ type: RefusalView }) refusal: RefusalView;
}

export class RefusedAttemptPageView {
  @ApiProperty({ type: [RefusedAttemptView] }) attempts: RefusedAttemptView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Pass as `cursor` for the next (older) page; null on the last',
  })
  nextCursor: number | null;
}
