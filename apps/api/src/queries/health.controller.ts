import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/index.js';
import { SocaiRuntime } from '#runtime';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  /** Public: how far the log and the read models have come, so a client can wait for its write. */
  @Public()
  @Get()
  @ApiOperation({ summary: '{status, eventStore:{position}, readModels:{position}} — no key needed' })
  async health() {
    const eventStorePosition = await this.runtime.store.headPosition();
    const readModelsPosition = await this.runtime.readModels.projector.position();
    return { status: 'ok', eventStore: { position: eventStorePosition }, readModels: { position: readModelsPosition } };
  }
}
