import { Module } from '@nestjs/common';
import { BackupCommand } from './commands/backup.command.js';
import { DemoCommand } from './commands/demo.command.js';
import { ExportCommand } from './commands/export.command.js';
import { GenerateCommand } from './commands/generate.command.js';
import { ImportCommand } from './commands/import.command.js';
import { RebuildCommand } from './commands/rebuild.command.js';
import { RestoreCommand } from './commands/restore.command.js';
import { ReportCommand } from './commands/report.command.js';
import { KeysCommand } from './commands/keys.command.js';
import { MigrateCommand } from './commands/migrate.command.js';
import { ReconcileCommand } from './commands/reconcile.command.js';
import { CloseMonthCommand } from './commands/close-month.command.js';
import { NoticesCommand } from './commands/notices.command.js';
import { BankStatementCommand } from './commands/bank-statement.command.js';
import { PublicKeyCommand } from './commands/keys-export-public.command.js';
import { ReplayCommand } from './commands/replay.command.js';
import { ServeCommand } from './commands/serve.command.js';
import { VerifyCommand } from './commands/verify.command.js';

@Module({
  providers: [ServeCommand, ImportCommand, GenerateCommand, DemoCommand, RebuildCommand, ReportCommand, ...ReportCommand.subCommands, KeysCommand, ...KeysCommand.subCommands,
    VerifyCommand, ReplayCommand, ...ReplayCommand.subCommands, ExportCommand, ...ExportCommand.subCommands, PublicKeyCommand, ReconcileCommand, CloseMonthCommand, NoticesCommand, BankStatementCommand, ...BankStatementCommand.subCommands, MigrateCommand, BackupCommand, RestoreCommand],
})
export class CliModule {}
