import { Module } from '@nestjs/common';
import { DemoCommand } from './commands/demo.command.js';
import { GenerateCommand } from './commands/generate.command.js';
import { ImportCommand } from './commands/import.command.js';
import { RebuildCommand } from './commands/rebuild.command.js';
import { ReportCommand } from './commands/report.command.js';
import { KeysCommand } from './commands/keys.command.js';
import { ServeCommand } from './commands/serve.command.js';

@Module({
  providers: [ServeCommand, ImportCommand, GenerateCommand, DemoCommand, RebuildCommand, ReportCommand, ...ReportCommand.subCommands, KeysCommand, ...KeysCommand.subCommands],
})
export class CliModule {}
