import { Command } from 'commander';
import { migrateCommand } from './commands/migrate.ts';
import { startCommand } from './commands/start.ts';
import { reportFailure } from './failure.ts';

// One line per command; each lives in bin/commands/.
const program = new Command('jingpin')
  .description('江苏精品申报与认证 / Jiangsu Quality declaration and certification')
  .addCommand(startCommand())
  .addCommand(migrateCommand());

await program.parseAsync(process.argv).catch(reportFailure);
