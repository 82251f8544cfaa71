import { ApiProperty } from '@nestjs/swagger';

/** A version as its document lists it: identity and hash, without the text. */
export class DocumentVersionSummaryView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '1.0' }) version: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the exact text, UTF-8 (R-B5)' }) sha256: string;
  @ApiProperty({ description: 'UTC instant (ISO 8601)' }) createdAt: string;
}

/** A governing document and its versions, oldest first. */
export class DocumentView {
  @ApiProperty({ example: 'dalslandssamverkan-avsiktsforklaring' }) key: string;
  @ApiProperty({ example: 'Avsiktsförklaring Dalslandssamverkan' }) title: string;
  @ApiProperty({ type: String, nullable: true, example: 'dalslandssamverkan' }) collaboration: string | null;
  @ApiProperty({ type: [DocumentVersionSummaryView] }) versions: DocumentVersionSummaryView[];
}

/** One version of a document with its full text. */
export class DocumentVersionView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'dalslandssamverkan-avsiktsforklaring' }) documentKey: string;
  @ApiProperty({ example: '1.0' }) version: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the exact text, UTF-8 (R-B5)' }) sha256: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'UTC instant (ISO 8601)' }) createdAt: string;
}
