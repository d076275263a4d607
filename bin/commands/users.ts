import { Command } from 'commander';
import { seedDemoUsers } from '../../platform/auth/demo-users.ts';
import { isRole, roles } from '../../platform/auth/roles.ts';
import { addUser, InvalidUser } from '../../platform/auth/users.ts';
import { withPool } from '../with-pool.ts';

/** The password comes from standard input (piped), never from the command line, which `ps` shows. */
async function passwordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new InvalidUser('请通过标准输入提供密码，如 echo … | jingpin users add … / pipe the password on standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!password) throw new InvalidUser('标准输入中没有密码 / no password on standard input');
  return password;
}


function fail(error: unknown): void {
  if (!(error instanceof InvalidUser)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}

/** `jingpin users add` and `jingpin users seed-demo`: the people who sign in to the API. */
export function usersCommand(): Command {
  const command = new Command('users').description('接口用户 / users of the HTTP API');
  command
    .command('add')
    .description('新建用户，密码从标准输入读取 / create a user; the password is read from standard input')
    .requiredOption('--username <name>', '用户名：3–64 个 a-z 0-9 . _ - / user name')
    .requiredOption('--role <role>', `角色 / role: ${roles.join(', ')}`)
    .option('--scope <scope>', '范围：市/县代码、专家、认证机构、企业代码或成员单位编号 / scope: city or county code, expert, body, enterprise or member unit id')
    .option('--name <display name>', '显示名 / display name')
    .option('--replace', '用户已存在时更新 / update the user if it exists')
    .action(async (options: { username: string; role: string; scope?: string; name?: string; replace?: boolean }) => {
      try {
        if (!isRole(options.role)) throw new InvalidUser(`未知角色 / unknown role ${options.role} (${roles.join(', ')})`);
        const role = options.role;
        const password = await passwordFromStdin();
        const user = await withPool((pool) =>
          addUser(pool, { username: options.username, displayName: options.name ?? options.username, role, scope: options.scope ?? null, password }, { at: new Date(), replace: options.replace ?? false }),
        );
        console.log(`已创建 / created ${user.username} (${user.role}${user.scope ? ` ${user.scope}` : ''})`);
      } catch (error) {
        fail(error);
      }
    });
  command
    .command('seed-demo')
    .description('为每个角色创建演示用户（两个范围），密码从标准输入读取 / create demo users of every role (two scopes each); password from standard input')
    .action(async () => {
      try {
        const password = await passwordFromStdin();
        const users = await withPool((pool) => seedDemoUsers(pool, password, new Date()));
        for (const user of users) console.log(`${user.username}\t${user.role}\t${user.scope ?? '-'}`);
      } catch (error) {
        fail(error);
      }
    });
  return command;
}
