import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AssessContributionDto, ChangeEmployerStatusDto, RegisterEmployerDto, RelocateEmployerDto } from '#ledger';
import type { SocaiRequest } from '../common/request-context.js';
import { Access, AreaOf } from '../auth/index.js';
import { CommandGateway } from './command-gateway.js';
import { CommandResultDto } from '../openapi/schemas.js';
import { CommandRoute } from './command-responses.js';

/** The note of a registration without `wageRegion` (docs/api.md). */
export const REGION_ONE_ASSUMED = 'wageRegion not given: region 1 (vùng I) assumed, whose BHTN cap is the highest; record the real region with POST /api/employers/{unitCode}/profile-changes';

/** The registration's answer: the contract's fields, and `notes` when the ledger assumed something. */
class RegisterEmployerResultDto extends CommandResultDto {
  @ApiPropertyOptional({ type: [String], description: 'What the ledger assumed: present only when `wageRegion` was left out (region 1 assumed).' })
  notes?: string[];
}

@ApiTags('commands')
@Controller('api/employers')
export class EmployersController {
  constructor(private readonly gateway: CommandGateway) {}

  @Access({ roles: ['clerk'], area: AreaOf.bodyAreaCode })
  @Post()
  @ApiOperation({ summary: 'RegisterEmployer → EmployerRegistered (key: unitCode)' })
  @CommandRoute('RegisterEmployer', RegisterEmployerDto, RegisterEmployerResultDto)
  async register(@Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    const result = await this.gateway.record('RegisterEmployer', body, request, response);
    // The answer keeps the contract's fields; a registration without a region says what the ledger
    // assumed, so the clerk can record the real one (the BHTN cap follows it). A repeat answers the same.
    return (body as { wageRegion?: unknown }).wageRegion === undefined ? { ...result, notes: [REGION_ONE_ASSUMED] } : result;
  }

  @Access({ roles: ['clerk'], area: AreaOf.employerParam('unitCode') })
  @Post(':unitCode/status-changes')
  @ApiOperation({ summary: 'ChangeEmployerStatus → EmployerStatusChanged (key: unitCode+status+effectiveOn)' })
  @CommandRoute('ChangeEmployerStatus', ChangeEmployerStatusDto)
  changeStatus(@Param('unitCode') unitCode: string, @Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('ChangeEmployerStatus', body, request, response, { unitCode });
  }

  @Access({ roles: ['clerk'], area: AreaOf.employerParam('unitCode') })
  @Post(':unitCode/assessments')
  @ApiOperation({ summary: 'AssessContribution → ContributionAssessed (key: unitCode+period); dues computed from the rates in force' })
  @CommandRoute('AssessContribution', AssessContributionDto)
  assess(@Param('unitCode') unitCode: string, @Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('AssessContribution', body, request, response, { unitCode });
  }

  // The guard checks the employer's registered area and the target; the ledger checks both ends of
  // the move on its date (a key for an abolished district cannot move an employer after 2025-07-01).
  @Access({ roles: ['clerk'], area: AreaOf.employerRelocation('unitCode') })
  @Post(':unitCode/relocations')
  @ApiOperation({ summary: 'RelocateEmployer → EmployerRelocated (key: unitCode+effectiveOn); the employer is homed in areaCode from effectiveOn' })
  @CommandRoute('RelocateEmployer', RelocateEmployerDto)
  relocate(@Param('unitCode') unitCode: string, @Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('RelocateEmployer', body, request, response, { unitCode });
  }
}
