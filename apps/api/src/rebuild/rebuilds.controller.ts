import { Controller, HttpCode, HttpException, Inject, Logger, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.js';
import { AreaOf } from '../auth/area-scope.js';
import { Metrics } from '../observability/index.js';
import { onlineRebuildProblem, RebuildInProgress, SocaiRuntime, startOnlineRebuild } from '#runtime';

class RebuildRefused extends HttpException {
  constructor(code: string, message: string) {
    super({ statusCode: 409, code, message }, 409);
  }
}

/** `POST /api/admin/rebuilds`: the online rebuild of `socai rebuild --online`, run by the server itself. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/rebuilds')
export class RebuildsController {
  private readonly logger = new Logger('socai');

  constructor(
    @Inject(SocaiRuntime) private readonly runtime: SocaiRuntime,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  @Post()
  @HttpCode(202)
  @Access({ roles: [], area: AreaOf.everywhere })
  @ApiOperation({ summary: 'Start an online rebuild of every read model into a new generation; queries keep being answered from the serving one until it switches' })
  @ApiAcceptedResponse({ description: '{status: "started", from, startedAt}: `from` is the generation serving now (a SQLite file, or the PostgreSQL schema); the rebuild runs in the background and the new generation serves once it has caught up' })
  @ApiConflictResponse({ description: 'REBUILD_IN_PROGRESS (one is running) or ONLINE_REBUILD_UNAVAILABLE (embedded SQLite read models beside a log on EventStoreDB)' })
  async start() {
    const problem = onlineRebuildProblem(this.runtime.config);
    if (problem) throw new RebuildRefused('ONLINE_REBUILD_UNAVAILABLE', problem);
    let from: string;
    let running: Promise<unknown>;
    const followed = this.metrics.rebuildStarted();
    try {
      ({ from, running } = await startOnlineRebuild(this.runtime.config, this.runtime.store, this.runtime.areas, followed.progress));
    } catch (error) {
      followed.finished('failed');
      if (error instanceof RebuildInProgress) throw new RebuildRefused('REBUILD_IN_PROGRESS', error.message);
      throw error;
    }
    running.then(
      (result) => {
        followed.finished('switched');
        this.logger.log(`online rebuild: ${JSON.stringify(result)}`);
      },
      (error: Error) => {
        followed.finished('failed');
        this.logger.error(`online rebuild failed, the serving generation is unchanged: ${error.message}`);
      },
    );
    return { status: 'started', from, startedAt: new Date().toISOString() };
  }
}
