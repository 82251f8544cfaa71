import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import type { DeclarationVersionRef } from '../../machines/amendment/amendment.rules';
import type {
  AmendmentOrgan,
  CollaborationRules,
  CollaborationSettings,
  OrganisationParty,
} from '../../machines/collaboration/collaboration.rules';
import type { DecisionOrgan, ExitRequestDateSetting } from '../../machines/membership/membership.types';
import { AmendmentView } from '../amendment/amendment.views';
import { ExampleView } from '../common/example-view';
import { ExitRuleDto, OrganisationSignatoryDto } from './dto/collaboration.dto';
import { MembershipView } from './membership.views';

const ORGANS_BY_MUNICIPALITY = {
  type: 'object' as const,
  additionalProperties: { type: 'string', enum: ['KF', 'KS'] },
  example: { '1984': 'KS' },
};

/** The declaration a collaboration was created under (its first version). */
export class DeclarationView {
  @ApiProperty({ example: 'Avsiktsförklaring Dalslandssamverkan 2023-12-08' }) version: string;
  @ApiProperty({ example: '2024-01-01' }) effectiveDate: string;
}

/** GET /collaborations: one row of the list. */
export class CollaborationSummaryView {
  @ApiProperty({ example: 'dalslandssamverkan' }) slug: string;
  @ApiProperty({ example: 'Dalslandssamverkan' }) name: string;
  @ApiProperty({ type: DeclarationView }) declaration: DeclarationView;
  @ApiProperty({ description: 'The number of municipalities that are parties' }) parties: number;
  @ApiProperty({ type: ExampleView, nullable: true, description: 'The example mark (demo data); null for real data' })
  example: ExampleView | null;
}

/** The settings in force (D1, D2), defaults filled in. */
export class CollaborationSettingsView implements CollaborationSettings {
  @ApiProperty({ enum: ['noticeArrival', 'fullmaktigeDecision'], description: 'D1: which date is the request date' })
  exitRequestDate: ExitRequestDateSetting;
  @ApiProperty({ enum: ['KF', 'KS', 'NAMND'], description: 'R-B2: the organ whose decision makes an entry' })
  entryDecisionOrgan: DecisionOrgan;
  @ApiPropertyOptional({
    type: ExitRuleDto,
    nullable: true,
    description: "null: no exit rule recorded (NO_EXIT_RULE); absent: Dalslandssamverkan's (the default)",
  })
  exitRule?: ExitRuleDto | null;
  @ApiPropertyOptional({ ...ORGANS_BY_MUNICIPALITY, description: 'D2: the organ approving an amendment, by code' })
  amendmentOrgan?: Record<string, AmendmentOrgan>;
}

export class EntryRuleView {
  @ApiProperty({ enum: ['KF', 'KS', 'NAMND'] }) decisionOrgan: DecisionOrgan;
  @ApiProperty({ enum: ['KSO'] }) signatory: 'KSO';
}

export class AmendmentRuleView {
  @ApiProperty({ enum: ['KF', 'KS'] }) defaultOrgan: AmendmentOrgan;
  @ApiProperty({ ...ORGANS_BY_MUNICIPALITY }) byMunicipality: Record<string, AmendmentOrgan>;
}

/** The rules the settings amount to, as data (entry, exit, amendment). */
export class CollaborationRulesView implements CollaborationRules {
  @ApiProperty({ type: EntryRuleView }) entry: EntryRuleView;
  @ApiProperty({ type: ExitRuleDto, nullable: true, description: 'null: no exit rule is recorded (NO_EXIT_RULE)' })
  exit: ExitRuleDto | null;
  @ApiProperty({ type: AmendmentRuleView }) amendment: AmendmentRuleView;
}

/** An organisation (an association, a company) that signed the declaration: shown as a party, never counted (R-F1). */
export class OrganisationPartyView implements OrganisationParty {
  @ApiProperty({ enum: ['organisation'] }) kind: 'organisation';
  @ApiProperty({ example: 'industriforeningen-vastra-malardalen' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['ASSOCIATION', 'COMPANY', 'OTHER'] }) form: 'ASSOCIATION' | 'COMPANY' | 'OTHER';
  @ApiProperty({ example: '2016-08-31' }) signedOn: string;
  @ApiPropertyOptional({ type: OrganisationSignatoryDto }) signatory?: OrganisationSignatoryDto;
  @ApiProperty() declarationVersion: string;
  @ApiPropertyOptional() note?: string;
}

export class CollaborationOrganisationView extends OrganisationPartyView {
  @ApiProperty({ description: 'R-F1: false, an organisation never counts as a signatory party' })
  countsAsSignatory: boolean;
}

/** The declaration version in force on a date (R-D9): the original, or the text of the amendment in force last. */
export class DeclarationVersionView implements DeclarationVersionRef {
  @ApiProperty() version: string;
  @ApiProperty({ example: '2024-01-01' }) inForceFrom: string;
  @ApiPropertyOptional() documentVersionId?: string;
  @ApiPropertyOptional({ description: 'SHA-256 of the text (R-D1)' }) sha256?: string;
  @ApiPropertyOptional({ description: 'The amendment whose text it is' }) amendmentId?: string;
}

/** An amendment as the collaboration's view shows it: its status on asOf, without what the workflow allows next. */
export class CollaborationAmendmentView extends OmitType(AmendmentView, ['allowedEvents', 'awaitingApprovalOf']) {}

export class PartyNameView {
  @ApiProperty({ example: '1460' }) code: string;
  @ApiProperty({ example: 'Bengtsfors' }) name: string;
}

/** R-A5: the collaboration this one followed, compared with the parties that followed it. */
export class PredecessorView {
  @ApiProperty({ example: 'Avsiktsförklaring avseende kommunal samverkan 4D' }) name: string;
  @ApiProperty({ type: [PartyNameView] }) parties: PartyNameView[];
  @ApiPropertyOptional({ example: 'våren 2022', description: "When it was decided, in the sources' words (no date)" })
  decided?: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ type: [PartyNameView], description: 'Parties now that were not parties of the predecessor' })
  joined: PartyNameView[];
  @ApiProperty({ type: [PartyNameView], description: 'Parties of the predecessor that are not parties now' })
  left: PartyNameView[];
  @ApiProperty({ example: '2024-01-01', description: "From the day this collaboration's declaration took effect" })
  followedFrom: string;
  @ApiProperty({
    enum: [false],
    description: 'R-A5: no revocation of the predecessor is recorded, only that it was followed',
  })
  revocationRecorded: false;
}

/** A collaboration with its parties on asOf, its settings and rules, and its declaration's history. */
export class CollaborationView {
  @ApiProperty({ example: 'dalslandssamverkan' }) slug: string;
  @ApiProperty({ example: 'Dalslandssamverkan' }) name: string;
  @ApiProperty({ type: DeclarationView }) declaration: DeclarationView;
  @ApiProperty({ type: CollaborationSettingsView }) settings: CollaborationSettingsView;
  @ApiProperty({ type: ExampleView, nullable: true, description: 'The example mark (demo data); null for real data' })
  example: ExampleView | null;
  @ApiProperty() workflowId: string;
  @ApiProperty({ example: '2026-12-31' }) asOf: string;
  @ApiProperty({ type: [MembershipView], description: "The municipalities' memberships on asOf" })
  members: MembershipView[];
  @ApiProperty({ type: [CollaborationOrganisationView] }) organisations: CollaborationOrganisationView[];
  @ApiProperty({ type: CollaborationRulesView }) rules: CollaborationRulesView;
  @ApiProperty({ type: DeclarationVersionView }) declarationInForce: DeclarationVersionView;
  @ApiProperty({ type: [CollaborationAmendmentView] }) amendments: CollaborationAmendmentView[];
  @ApiProperty({
    type: PredecessorView,
    nullable: true,
    description: 'R-A5: the collaboration it followed, if recorded',
  })
  predecessor: PredecessorView | null;
}
