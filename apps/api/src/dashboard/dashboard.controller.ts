import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AreaDirectory } from '#domain';
import { Public } from '../auth/index.js';
import { NotFound } from '../common/http-errors.js';
import { provinceTree, type ProvinceEntry } from './area-tree.js';
import { dashboardFiles } from './project-files.js';

/** The page's own files: plain browser modules and one stylesheet, named without folders. */
const PAGE_FILE = /^[a-z][a-z0-9-]*\.(js|css)$/;

/**
 * The page holds no data; every figure comes from /api with the user's key. It may reach only its
 * own origin, so a stray script can neither load nor phone home (the offices are offline anyway).
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * `GET /` and the dashboard's assets (contract.md "Dashboard"). Everything here is public: the page
 * asks its user for an API key and sends it with each /api request, so it shows only what that
 * key may see.
 */
@ApiExcludeController()
@Controller()
export class DashboardController {
  private readonly files = dashboardFiles();
  private provinces: ProvinceEntry[] | undefined;

  @Public()
  @Get()
  @Header('Cache-Control', 'no-cache')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  page(@Res() response: Response): void {
    response.type('html').sendFile(join(this.files.publicDir, 'index.html'));
  }

  /** Provinces → districts and communes for the area picker, read from the shipped GSO tables on first use. */
  @Public()
  @Get('dashboard/areas.json')
  @Header('Cache-Control', 'no-cache')
  areas(): ProvinceEntry[] {
    const { until, from, succession } = this.files.areasCsv;
    this.provinces ??= provinceTree(AreaDirectory.fromCsv(readFileSync(until, 'utf8'), readFileSync(from, 'utf8'), readFileSync(succession, 'utf8')));
    return this.provinces;
  }

  @Public()
  @Get('dashboard/vendor/chart.umd.min.js')
  @Header('Cache-Control', 'max-age=86400')
  chartLibrary(@Res() response: Response): void {
    response.type('js');
    this.send(response, this.files.chartJs);
  }

  @Public()
  @Get('dashboard/:file')
  @Header('Cache-Control', 'no-cache')
  asset(@Param('file') file: string, @Res() response: Response): void {
    if (!PAGE_FILE.test(file)) throw new NotFound('NOT_FOUND', 'no such dashboard file');
    this.send(response, join(this.files.publicDir, file));
  }

  /** Sends a file, or the contract's 404 shape when it is not there. */
  private send(response: Response, path: string): void {
    response.sendFile(path, (error) => {
      if (error && !response.headersSent) response.status(404).json({ statusCode: 404, code: 'NOT_FOUND', message: 'no such dashboard file' });
    });
  }
}
