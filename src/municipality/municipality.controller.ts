import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '../auth/roles.decorator';
import { CreateMunicipalityDto } from './dto/municipality.dto';
import { MunicipalityService } from './municipality.service';

@ApiTags('municipalities')
@ApiBearerAuth()
@Controller('municipalities')
export class MunicipalityController {
  constructor(private readonly service: MunicipalityService) {}

  @Get()
  @Roles(...READERS)
  list() {
    return this.service.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a municipality by its official code (admin)' })
  create(@Body() dto: CreateMunicipalityDto) {
    return this.service.create(dto);
  }
}
