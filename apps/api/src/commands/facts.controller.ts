import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AssessClaimDto, AssignPlanDto, CollectContributionDto, IssueBookDto, IssueCardDto, PayBenefitDto, RecordInspectionDto, ReverseEntryDto,
} from '#ledger';
import type { SocaiRequest } from '../common/request-context.js';
import { Access, AreaOf } from '../auth/index.js';
import { CommandGateway } from './command-gateway.js';
import { CommandRoute } from './command-responses.js';

/** The flat command routes of the contract, one per fact a clerk records. */
@ApiTags('commands')
@Controller('api')
export class FactsController {
  constructor(private readonly gateway: CommandGateway) {}

  @Access({ roles: ['clerk'], area: AreaOf.collectionPayer })
  @Post('collections')
  @ApiOperation({ summary: "CollectContribution → ContributionCollected in the payer's stream (key: receiptNo)" })
  @CommandRoute('CollectContribution', CollectContributionDto)
  collect(@Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('CollectContribution', body, request, response);
  }

  @Access({ roles: ['clerk'], area: AreaOf.bodyAreaCode })
  @Post('books')
  @ApiOperation({ summary: 'IssueBook → BookIssued (key: personId+issuedOn)' })
  @CommandRoute('IssueBook', IssueBookDto)
  issueBook(@Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('IssueBook', body, request, response);
  }

  @Access({ roles: ['clerk'], area: AreaOf.bodyAreaCode })
  @Post('cards')
  @ApiOperation({ summary: 'IssueCard → CardIssued (key: cardNo+validFrom); no overlapping validity per person' })
  @CommandRoute('IssueCard', IssueCardDto)
  issueCard(@Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('IssueCard', body, request, response);
  }

  @Access({ roles: ['clerk'], area: AreaOf.bodyAreaCode })
  @Post('benefit-payments')
  @ApiOperation({ summary: 'PayBenefit → BenefitPaid (key: paymentRef)' })
  @CommandRoute('PayBenefit', PayBenefitDto)
  payBenefit(@Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('PayBenefit', body, request, response);
  }

  @Access({ roles: ['clerk'], area: AreaOf.bodyAreaCode })
  @Post('claim-assessments')
  @ApiOperation({ summary: 'AssessClaim → ClaimAssessed (key: assessmentRef); approved ≤ requested' })
  @CommandRoute('AssessClaim', AssessClaimDto)
  assessClaim(@Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('AssessClaim', body, request, response);
  }

  @Access({ roles: ['clerk'], area: AreaOf.bodyAreaCode })
  @Post('plans')
  @ApiOperation({ summary: 'AssignPlan → PlanAssigned (key: year+areaCode+assignedOn)' })
  @CommandRoute('AssignPlan', AssignPlanDto)
  assignPlan(@Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('AssignPlan', body, request, response);
  }

  @Access({ roles: ['clerk', 'inspector'], area: AreaOf.employerInBody })
  @Post('inspections')
  @ApiOperation({ summary: 'RecordInspection → InspectionRecorded (key: inspectionId)' })
  @CommandRoute('RecordInspection', RecordInspectionDto)
  recordInspection(@Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('RecordInspection', body, request, response);
  }

  @Access({ roles: ['clerk'], area: AreaOf.reversedEvent })
  @Post('reversals')
  @ApiOperation({ summary: "ReverseEntry → EntryReversed in the reversed fact's stream (key: eventId); a fact is reversed once" })
  @CommandRoute('ReverseEntry', ReverseEntryDto)
  reverse(@Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    return this.gateway.record('ReverseEntry', body, request, response);
  }
}
