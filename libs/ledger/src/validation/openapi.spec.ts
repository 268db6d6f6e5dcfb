import { Body, Controller, Post } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { AssessContributionDto, ChangeEmployerStatusDto, CollectContributionDto, ReconcilePayoutsDto } from './index.js';

@Controller()
class DocumentedRoutes {
  @Post('status-changes') changeStatus(@Body() body: ChangeEmployerStatusDto) { return body; }
  @Post('assessments') assess(@Body() body: AssessContributionDto) { return body; }
  @Post('collections') collect(@Body() body: CollectContributionDto) { return body; }
  @Post('reconciliations') reconcile(@Body() body: ReconcilePayoutsDto) { return body; }
}

/** What /docs shows of the bodies: nested DTOs by reference, path parameters not in the body. */
describe('OpenAPI schemas of the command DTOs', () => {
  let schemas: Record<string, any>;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [DocumentedRoutes] }).compile();
    const app = module.createNestApplication({ logger: false });
    await app.init();
    schemas = SwaggerModule.createDocument(app, new DocumentBuilder().build()).components!.schemas as Record<string, any>;
    await app.close();
  });

  it('leaves the path parameter unitCode out of nested routes\' bodies', () => {
    expect(schemas.ChangeEmployerStatusDto.required).toEqual(['status', 'effectiveOn', 'reason']);
    expect(schemas.ChangeEmployerStatusDto.properties.unitCode).toBeUndefined();
    expect(schemas.AssessContributionDto.properties.unitCode).toBeUndefined();
  });

  it('documents nested objects by reference, with enums and money as strings', () => {
    expect(schemas.AssessContributionDto.properties.headcount.allOf).toEqual([{ $ref: '#/components/schemas/HeadcountDto' }]);
    expect(schemas.HeadcountDto.required).toEqual(['socialInsurance', 'healthInsurance', 'unemploymentInsurance']);
    expect(schemas.ReconcilePayoutsDto.properties.lines).toMatchObject({
      type: 'array', minItems: 1, maxItems: 200000, items: { $ref: '#/components/schemas/StatementLineDto' },
    });
    expect(schemas.StatementLineDto.properties.amount).toMatchObject({ type: 'string', pattern: '^(0|[1-9][0-9]*)$' });
    expect(schemas.PersonPayerDto.properties.scheme.enum).toEqual(['voluntary-social-insurance', 'household-health-insurance']);
  });

  it('documents the payer as one of two kinds', () => {
    expect(schemas.CollectContributionDto.properties.payer.discriminator).toEqual({
      propertyName: 'kind',
      mapping: { employer: '#/components/schemas/EmployerPayerDto', person: '#/components/schemas/PersonPayerDto' },
    });
    expect(schemas.EmployerPayerDto.required).toEqual(['kind', 'unitCode']);
  });
});
