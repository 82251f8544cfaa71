import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsMunicipalityCode, IsPastDate, IsText } from '../../common/validators';

/** A month `YYYY-MM` (a text, so it carries the text checks too). */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
/** A percent with up to two decimals: `10`, `10.5`, `12,25`. */
export const PERCENT_PATTERN = /^\d{1,3}([.,]\d{1,2})?$/;
/** An amount in kronor with up to two decimals, without thousands separators: `50000`, `50000.00`, `50000,5`. */
export const SEK_PATTERN = /^\d{1,15}([.,]\d{1,2})?$/;

function IsMonth(): PropertyDecorator {
  return (target, key) => {
    IsText(7)(target, key);
    Matches(MONTH_PATTERN, { message: `${String(key)} must be a month YYYY-MM` })(target, key);
  };
}

function IsSek(): PropertyDecorator {
  return (target, key) => {
    IsText(24)(target, key);
    Matches(SEK_PATTERN, { message: `${String(key)} must be an amount in kronor with at most two decimals` })(
      target,
      key,
    );
  };
}

export class CostScopeDto {
  @ApiProperty({
    enum: ['area', 'common'],
    description: "area = a collaboration area (samverkansområde); common = the collaboration's common function",
  })
  @IsIn(['area', 'common'])
  kind: 'area' | 'common';

  @ApiPropertyOptional({ description: "kind 'area': the area's workflow id" })
  @ValidateIf((o) => o.kind === 'area')
  @IsUUID()
  areaWorkflowId?: string;

  @ApiPropertyOptional({ example: 'Samordnare för samverkan inom socialtjänst', description: "kind 'common'" })
  @ValidateIf((o) => o.kind === 'common')
  @IsText(200)
  function?: string;
}

export class PayerDto {
  @ApiProperty({ example: '1460' })
  @IsMunicipalityCode()
  municipality: string;

  @ApiPropertyOptional({ example: '10.00', description: "method 'percent': the share in percent, up to two decimals" })
  @IsOptional()
  @IsText(6)
  @Matches(PERCENT_PATTERN, { message: 'sharePercent must be a percent with at most two decimals' })
  sharePercent?: string;
}

export class PopulationFigureDto {
  @ApiProperty({ example: '1460' })
  @IsMunicipalityCode()
  municipality: string;

  @ApiProperty({ example: 9600 })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  inhabitants: number;
}

export class PopulationDto {
  @ApiProperty({ type: [PopulationFigureDto], description: 'A figure for the host and for every paying party' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PopulationFigureDto)
  figures: PopulationFigureDto[];

  @ApiProperty({ example: 'SCB, folkmängd 31 december 2023' })
  @IsText(500)
  source: string;

  @ApiProperty({ example: '2023-12-31', description: 'The date the figures are for' })
  @IsPastDate()
  asOf: string;
}

export class AdoptionDto {
  @ApiProperty({ example: '2022-10-31' })
  @IsPastDate()
  adoptedOn: string;

  @ApiProperty({ description: 'What puts the rule in force: the agreement, decision or document (R-G1; R-G8)' })
  @IsText(500)
  basis: string;
}

export class CreateCostRuleDto {
  @ApiProperty({ example: 'Samordnare för samverkan inom socialtjänst' })
  @IsText(200)
  title: string;

  @ApiProperty({ type: CostScopeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CostScopeDto)
  scope: CostScopeDto;

  @ApiProperty({ example: '1492', description: 'The host municipality (värdkommun); it carries 100 % − Σ shares' })
  @IsMunicipalityCode()
  host: string;

  @ApiProperty({ enum: ['percent', 'equal', 'population'] })
  @IsIn(['percent', 'equal', 'population'])
  method: 'percent' | 'equal' | 'population';

  @ApiProperty({ type: [PayerDto], description: 'The paying parties (the host is not one)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PayerDto)
  payers: PayerDto[];

  @ApiPropertyOptional({ type: PopulationDto, description: "method 'population' only" })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PopulationDto)
  population?: PopulationDto;

  @ApiProperty({ example: 'lönekostnad inklusive arbetsgivaravgifter', description: 'R-G5: what the cost is' })
  @IsText(500)
  costBase: string;

  @ApiProperty({ example: '2022-11' })
  @IsMonth()
  startMonth: string;

  @ApiPropertyOptional({ example: '2025-12' })
  @IsOptional()
  @IsMonth()
  endMonth?: string;

  @ApiPropertyOptional({ type: AdoptionDto, description: 'Put the rule in force at once (COST_RULE_ADOPTED)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AdoptionDto)
  adoption?: AdoptionDto;

  @ApiPropertyOptional({ description: 'Free text kept with the record (for example where the data comes from)' })
  @IsOptional()
  @IsText(2000)
  note?: string;
}

export class CostLineDto {
  @ApiPropertyOptional({ example: '2023-03', description: 'The month; absent = the cost of the whole period' })
  @IsOptional()
  @IsMonth()
  month?: string;

  @ApiProperty({ example: '50000.00', description: 'The cost in kronor (SEK), at most two decimals' })
  @IsSek()
  amount: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsText(500)
  note?: string;
}

/** Fields every write to a cost rule may carry. */
class CostWriteDto {
  @ApiPropertyOptional({ description: 'The version the client read; 409 VERSION_CONFLICT if it changed' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;

  @ApiPropertyOptional({ description: 'Free text kept with the record (for example where the data comes from)' })
  @IsOptional()
  @IsText(2000)
  note?: string;
}

export class InvoiceRunDto extends CostWriteDto {
  @ApiProperty({ example: '2023-03' })
  @IsMonth()
  from: string;

  @ApiPropertyOptional({ example: '2023-03', description: 'The last month of the period (default: from)' })
  @IsOptional()
  @IsMonth()
  to?: string;

  @ApiPropertyOptional({ example: '2023-04-05', description: 'The invoice date (default: today in Stockholm)' })
  @IsOptional()
  @IsPastDate()
  issuedOn?: string;

  @ApiProperty({ type: [CostLineDto], description: 'One cost for the period, or one for each of its months' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(120)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CostLineDto)
  costs: CostLineDto[];

  @ApiPropertyOptional({ example: ['1460'], description: 'Only these paying parties (default: every paying party)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsMunicipalityCode({ each: true })
  parties?: string[];
}

export class InvoiceRunQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: answer the invoices and record nothing' })
  @IsOptional()
  @IsIn(['true', 'false'])
  preview?: 'true' | 'false';
}

export class CreditInvoiceDto extends CostWriteDto {
  @ApiPropertyOptional({ example: '2023-04-20', description: 'The credit invoice date (default: today in Stockholm)' })
  @IsOptional()
  @IsPastDate()
  issuedOn?: string;

  @ApiPropertyOptional({ example: '1000.00', description: 'A partial credit in kronor (default: all that remains)' })
  @IsOptional()
  @IsSek()
  amount?: string;

  @ApiProperty({ example: 'Fel lönekostnad i underlaget' })
  @IsText(500)
  reason: string;
}
