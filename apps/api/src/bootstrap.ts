import type { IncomingMessage } from 'node:http';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { DestinationStream, Logger } from 'pino';
import { AppModule } from './app.module.js';
import { markLooseNumbers, useQuotedNumbers } from './common/strict-json.js';
import { acceptedContentTypes, jsonShapeVerifier, responseTimeout } from './limits/index.js';
import { httpMetrics, Metrics, requestContext, requestLogger, SocaiNestLogger } from './observability/index.js';
import { createOpenApiDocument } from './openapi/openapi-document.js';
import { createLogger, type SocaiRuntime } from '#runtime';

export interface ServeOptions {
  /** Listen on this port (0 picks a free one); undefined builds the app without listening (tests). */
  port?: number;
  host?: string;
  /** The process's logger (`serve` makes one for the whole process); else one is made for the app. */
  logger?: Logger;
  /** Where the app's own logger writes instead of standard output (specs read the lines back). */
  logDestination?: DestinationStream;
}

/** Builds the HTTP app: body limits, OpenAPI at /docs, the contract's routes. */
export async function createHttpApp(runtime: SocaiRuntime, options: ServeOptions = {}): Promise<NestExpressApplication> {
  const logger = options.logger ?? createLogger(runtime.config, 'socai', options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRuntime(runtime, logger), {
    bodyParser: false,
    // Held until pino takes over below, so that even Nest's first lines are structured.
    bufferLogs: true,
  });
  app.useLogger(app.get(SocaiNestLogger));
  // Before anything that may answer: every request gets its ids, its log line and its count.
  app.use(requestContext);
  app.use(requestLogger(logger));
  app.use(httpMetrics(app.get(Metrics)));
  // A body of a type its route does not take is refused (415) before any parser reads it.
  app.use(acceptedContentTypes());
  // JSON bodies and CSV statements are bounded (413 beyond); the NDJSON import streams instead. A
  // JSON body too wide or too deep to parse and validate safely is refused (400) before it is parsed.
  // Number literals such as 1e3, 1000.0 and -0 reach validation as objects no field takes (strict-json.ts).
  // (Nest's option type leaves `verify` out, as it uses it for rawBody, which is off here.)
  const checkShape = jsonShapeVerifier(runtime.config.jsonLimits);
  const verify = (request: IncomingMessage, response: unknown, body: Buffer, encoding: string): void => {
    checkShape(request, response, body, encoding);
    markLooseNumbers(request, response, body, encoding);
  };
  app.useBodyParser('json', { limit: runtime.config.bodyLimit, verify } as object);
  app.use(useQuotedNumbers);
  app.useBodyParser('text', { type: ['text/csv'], limit: runtime.config.bodyLimit });
  app.disable('x-powered-by');
  // Security headers on every answer. CORS stays off (Nest enables it only when asked). The
  // content-security policy is set per page: the dashboard sends its own strict one, and the
  // OpenAPI page needs Swagger UI's inline scripts.
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(responseTimeout(runtime.config.responseTimeoutMs));
  // Built on the first request of /docs (or /docs-json, /docs-yaml), then kept: scanning every route's
  // metadata took a good share of a start, for a page few starts are followed by.
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app));
  app.enableShutdownHooks();
  // A client that sends its request too slowly is cut off (the import streams, so allow it long).
  app.getHttpServer().requestTimeout = 15 * 60_000;
  app.getHttpServer().headersTimeout = 60_000;
  if (options.port !== undefined) await app.listen(options.port, options.host ?? '127.0.0.1');
  return app;
}
