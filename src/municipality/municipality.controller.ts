import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '../auth/roles.decorator';
import { ErrorBodyDto } from '../common/error-body.dto';
import { CreateMunicipalityDto } from './dto/municipality.dto';
import { MunicipalityService, MunicipalityView } from './municipality.service';

@ApiTags('municipalities')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, type: ErrorBodyDto })
@Controller('municipalities')
export class MunicipalityController {
  constructor(private readonly service: MunicipalityService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The municipalities, by code' })
  @ApiOkResponse({ type: [MunicipalityView] })
  list() {
    return this.service.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a municipality by its official code (admin)' })
  @ApiCreatedResponse({ type: MunicipalityView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'MUNICIPALITY_EXISTS', type: ErrorBodyDto })
  create(@Body() dto: CreateMunicipalityDto) {
    return this.service.create(dto);
  }
}
