import { Command } from 'commander';
import { backupCommand, restoreCommand } from './commands/backup.ts';
import { calendarCommand } from './commands/calendar.ts';
import { campaignCommand } from './commands/campaign.ts';
import { creditCommand } from './commands/credit.ts';
import { demoCommand } from './commands/demo.ts';
import { directoryCommand } from './commands/directory.ts';
import { eligibilityCommand } from './commands/eligibility.ts';
import { incidentsCommand } from './commands/incidents.ts';
import { migrateCommand } from './commands/migrate.ts';
import { notificationsCommand } from './commands/notifications.ts';
import { rulesCommand } from './commands/rules.ts';
import { startCommand } from './commands/start.ts';
import { usersCommand } from './commands/users.ts';
import { workdaysCommand } from './commands/workdays.ts';
import { reportFailure } from './failure.ts';

// One line per command; each lives in bin/commands/.
const program = new Command('jingpin')
  .description('江苏精品申报与认证 / Jiangsu Quality declaration and certification')
  .addCommand(startCommand())
  .addCommand(migrateCommand())
  .addCommand(notificationsCommand())
  .addCommand(incidentsCommand())
  .addCommand(eligibilityCommand())
  .addCommand(workdaysCommand())
  .addCommand(calendarCommand())
  .addCommand(directoryCommand())
  .addCommand(creditCommand())
  .addCommand(rulesCommand())
  .addCommand(campaignCommand())
  .addCommand(demoCommand())
  .addCommand(usersCommand())
  .addCommand(backupCommand())
  .addCommand(restoreCommand());

await program.parseAsync(process.argv).catch(reportFailure);
