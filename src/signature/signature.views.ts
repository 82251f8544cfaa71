import { ApiProperty } from '@nestjs/swagger';
import { SignatoryDto, StandInDto } from '../collaboration/dto/membership-event.dto';

/** The document version a signature signed. */
export class SignedDocumentView {
  @ApiProperty({ example: 'dalslandssamverkan-avsiktsforklaring' }) key: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '1.0' }) version: string;
  @ApiProperty() versionId: string;
  @ApiProperty({ description: "SHA-256 of the version's text" }) sha256: string;
}

/** A recorded signature: who, in which office, when, how, and the hash of the exact text signed (R-B3, R-B5, D12). */
export class SignatureView {
  @ApiProperty() id: string;
  @ApiProperty({ type: SignedDocumentView }) document: SignedDocumentView;
  @ApiProperty({ example: '1492' }) municipalityCode: string;
  // The same shapes as the request's (one declaration).
  @ApiProperty({ type: SignatoryDto }) signatory: SignatoryDto;
  @ApiProperty({ example: '2023-12-08' }) signedOn: string;
  @ApiProperty({ enum: ['INK', 'E_SIGNATURE'] }) method: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the text that was signed' }) signedHash: string;
  @ApiProperty({ type: StandInDto, nullable: true, description: 'D12: a stand-in for the KSO, with its legal basis' })
  standIn: StandInDto | null;
  @ApiProperty({ description: 'UTC instant (ISO 8601)' }) createdAt: string;
}
