import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnnounceInterestRateDto, ChangeEmployerProfileDto, GrantFundSuspensionDto, RecordForceMajeureDto, RemindEmployerDto } from '#ledger';
import type { SocaiRequest } from '../common/request-context.js';
import { Access, AreaOf } from '../auth/index.js';
import { CommandGateway } from './command-gateway.js';
import { CommandRoute } from './command-responses.js';

/** Issue 22: the facts the arrears law needs (rates, reminders, force majeure, an employer's dated profile). */
@ApiTags('commands')
@Controller('api')
export class ArrearsFactsController {
  constructor(private readonly gateway: CommandGateway) {}

  // A rate applies to every employer of the ledger: only an admin for every area announces it.
  @Access({ roles: [], area: AreaOf.everywhere })
  @Post('interest-rates')
  @ApiOperation({ summary: 'AnnounceInterestRate → InterestRateAnnounced in rules-interest (key: year+fund+announcedOn)' })
  @CommandRoute('AnnounceInterestRate', AnnounceInterestRateDto)
  announceRate(@Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('AnnounceInterestRate', body, request, response);
  }

  @Access({ roles: ['clerk', 'inspector'], area: AreaOf.employerParam('unitCode') })
  @Post('employers/:unitCode/reminders')
  @ApiOperation({ summary: 'RemindEmployer → EmployerReminded (key: reminderRef)' })
  @CommandRoute('RemindEmployer', RemindEmployerDto)
  remind(@Param('unitCode') unitCode: string, @Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('RemindEmployer', body, request, response, { unitCode });
  }

  // Force majeure suspends evasion, so whoever sends reminders records it too.
  @Access({ roles: ['clerk', 'inspector'], area: AreaOf.employerParam('unitCode') })
  @Post('employers/:unitCode/force-majeure')
  @ApiOperation({ summary: 'RecordForceMajeure → ForceMajeureRecorded (key: unitCode+from)' })
  @CommandRoute('RecordForceMajeure', RecordForceMajeureDto)
  recordForceMajeure(@Param('unitCode') unitCode: string, @Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('RecordForceMajeure', body, request, response, { unitCode });
  }

  @Access({ roles: ['clerk'], area: AreaOf.employerParam('unitCode') })
  @Post('employers/:unitCode/profile-changes')
  @ApiOperation({ summary: 'ChangeEmployerProfile → EmployerProfileChanged (key: unitCode+effectiveOn)' })
  @CommandRoute('ChangeEmployerProfile', ChangeEmployerProfileDto)
  changeProfile(@Param('unitCode') unitCode: string, @Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('ChangeEmployerProfile', body, request, response, { unitCode });
  }

  @Access({ roles: ['clerk'], area: AreaOf.employerParam('unitCode') })
  @Post('employers/:unitCode/fund-suspensions')
  @ApiOperation({ summary: 'GrantFundSuspension → FundSuspensionGranted (key: decisionRef)' })
  @CommandRoute('GrantFundSuspension', GrantFundSuspensionDto)
  grantSuspension(@Param('unitCode') unitCode: string, @Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('GrantFundSuspension', body, request, response, { unitCode });
  }
}
