import { Body, Controller, Get, HttpCode, Param, PipeTransform, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public, READERS, Roles } from '../auth/roles.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AppConfig } from '../config/app-config';
import { ErrorBodyDto } from '../common/error-body.dto';
import { badInput } from '../common/errors';
import { Db } from '../database/db';
import type { Actor } from '../workflow/actor';
import { checkpointProblems } from './checkpoint-problems';
import { CheckpointService } from './checkpoint.service';
import {
  CheckpointOutcome,
  CheckpointVerifyView,
  CheckpointView,
  ConsistencyProofView,
  InclusionProofView,
  LogKeyView,
  WitnessView,
} from './checkpoint.views';
import {
  ConsistencyQueryDto,
  CosignatureDto,
  CreateWitnessDto,
  InclusionQueryDto,
  ListCheckpointsQueryDto,
  VerifyCheckpointsQueryDto,
} from './dto/checkpoint.dto';
import { parseVkey } from './note';
import { WitnessService } from './witness.service';

/** A checkpoint size in the path: a whole number, else a 400 naming the field. */
const sizeParam: PipeTransform<string, number> = {
  transform(value: string) {
    if (!/^[0-9]{1,15}$/.test(value)) throw badInput('size', 'must be a whole number', 'ska vara ett heltal');
    return Number(value);
  },
};

/** Signed checkpoints of the log, their proofs, and the witnesses' cosignatures (docs/checkpoints.md). */
@ApiTags('checkpoints')
@ApiBearerAuth()
@Controller()
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, type: ErrorBodyDto })
export class CheckpointController {
  constructor(
    private readonly checkpoints: CheckpointService,
    private readonly witnesses: WitnessService,
    private readonly config: AppConfig,
    private readonly db: Db,
  ) {}

  @Post('checkpoints')
  @Roles('admin', 'auditor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a signed checkpoint of the log now, unless it has not grown (admin, auditor)' })
  @ApiOkResponse({
    type: CheckpointOutcome,
    description: 'The new checkpoint, or the latest when the log has not grown',
  })
  @ApiResponse({
    status: 409,
    description: 'No key, an empty log, or a log that no longer extends the latest',
    type: ErrorBodyDto,
  })
  create() {
    return this.checkpoints.create();
  }

  @Get('checkpoints')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Checkpoints in the order of their size' })
  @ApiOkResponse({ type: [CheckpointView] })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: afterSize or limit', type: ErrorBodyDto })
  list(@Query() query: ListCheckpointsQueryDto) {
    return this.checkpoints.list(query.afterSize ?? -1, query.limit ?? 50);
  }

  @Get('checkpoints/key')
  @Public()
  @ApiOperation({ summary: 'The log’s public key as a C2SP vkey (no token needed: it is public)' })
  @ApiOkResponse({ type: LogKeyView })
  @ApiResponse({ status: 409, description: 'CHECKPOINT_KEY_MISSING: no key is configured', type: ErrorBodyDto })
  key() {
    return this.checkpoints.logKey();
  }

  @Get('checkpoints/latest')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The latest checkpoint, its signed note with every cosignature' })
  @ApiOkResponse({ type: CheckpointView })
  @ApiResponse({ status: 404, description: 'No checkpoint yet', type: ErrorBodyDto })
  latest() {
    return this.checkpoints.latest();
  }

  @Get('checkpoints/consistency')
  @Roles(...READERS)
  @ApiOperation({ summary: 'An RFC 9162 consistency proof from a tree of `from` leaves to checkpoint `to`' })
  @ApiOkResponse({ type: ConsistencyProofView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: from, to, or from > to', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'No checkpoint of size `to`', type: ErrorBodyDto })
  consistency(@Query() query: ConsistencyQueryDto) {
    return this.checkpoints.consistency(query.from, query.to);
  }

  @Get('checkpoints/verify')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'Check every checkpoint against the log key, each other and the current log (admin, auditor)',
  })
  @ApiOkResponse({ type: CheckpointVerifyView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: witnesses', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'CHECKPOINT_KEY_MISSING', type: ErrorBodyDto })
  async verify(@Query() query: VerifyCheckpointsQueryDto): Promise<CheckpointVerifyView> {
    const logKey = parseVkey(this.checkpoints.logKey().vkey);
    const problems = await checkpointProblems(this.db, {
      logKey,
      origin: this.config.CHECKPOINT_ORIGIN,
      witnesses: query.witnesses ?? 0,
    });
    return { ok: problems.length === 0, problems };
  }

  @Get('checkpoints/:size')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One checkpoint' })
  @ApiOkResponse({ type: CheckpointView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: size is not a whole number', type: ErrorBodyDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  get(@Param('size', sizeParam) size: number) {
    return this.checkpoints.get(size);
  }

  @Get('checkpoints/:size/inclusion')
  @Roles(...READERS)
  @ApiOperation({ summary: 'An RFC 9162 inclusion proof of one log row under the checkpoint’s root' })
  @ApiOkResponse({ type: InclusionProofView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: size or rowId', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'No such checkpoint or log row', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'ROW_NOT_IN_CHECKPOINT: the row came after it', type: ErrorBodyDto })
  inclusion(@Param('size', sizeParam) size: number, @Query() query: InclusionQueryDto) {
    return this.checkpoints.inclusion(size, query.rowId);
  }

  @Post('checkpoints/:size/cosignatures')
  @Roles(...READERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'A witness’s cosignature/v1 of the checkpoint; verified against the registered key' })
  @ApiOkResponse({ type: CheckpointView, description: 'The checkpoint with the cosignature' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: size or cosignature', type: ErrorBodyDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  @ApiResponse({ status: 422, description: 'Unknown witness or an invalid cosignature', type: ErrorBodyDto })
  cosign(@Param('size', sizeParam) size: number, @Body() dto: CosignatureDto) {
    return this.witnesses.addCosignature(size, dto.cosignature);
  }

  @Get('witnesses')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The witnesses whose cosignatures the service accepts' })
  @ApiOkResponse({ type: [WitnessView] })
  listWitnesses() {
    return this.witnesses.list();
  }

  @Post('witnesses')
  @Roles('admin')
  @ApiOperation({ summary: 'Register a witness by its cosignature vkey (admin)' })
  @ApiCreatedResponse({ type: WitnessView, description: 'The witness' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: name or vkey', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'The name is registered with another key', type: ErrorBodyDto })
  register(@Body() dto: CreateWitnessDto, @CurrentActor() actor: Actor) {
    return this.witnesses.register(dto, `token:${actor.id}`);
  }
}
