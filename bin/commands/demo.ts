import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../platform/config.ts';

/**
 * `jingpin demo`: a whole year of the 江苏精品 cycle (the 2023 rule set, from 20 March) for
 * generated enterprises, on the embedded engine with a virtual clock, in a fresh schema of its
 * own; prints a line per stage and the summary. See docs/demo.md.
 */
export function demoCommand(): Command {
  return new Command('demo')
    .description('演示：在独立 schema 中用虚拟时钟跑完一个年度的申报与认证 / demo: a whole year of the cycle on a virtual clock, in a schema of its own')
    .option('--enterprises <n>', '申报企业数 / how many enterprises declare', whole('--enterprises', 1, 100_000), 100)
    .option('--seed <s>', '随机种子，同一种子得到同样的一年 / seed: the same seed replays the same year', whole('--seed', 0, 4_294_967_295), 2023)
    .option('--schema <name>', '演示用的新 schema（默认 demo_<时间>）/ a new schema for the demo (default demo_<timestamp>)')
    .action(async (options: { enterprises: number; seed: number; schema?: string }) => {
      const config = loadConfig();
      // Loaded here, not at the top: every other command of the CLI starts without the demo's code.
      const { defaultDemoSchema, DemoFailed, DemoSchemaInUse, runDemo } = await import('../demo/run-demo.ts');
      const schema = options.schema ?? defaultDemoSchema();
      console.log(`江苏精品年度演示：schema ${schema}，${options.enterprises} 家企业，种子 ${options.seed} / Jiangsu Quality demo year: schema ${schema}, ${options.enterprises} enterprises, seed ${options.seed}`);
      try {
        const result = await runDemo({ enterprises: options.enterprises, seed: options.seed, schema, config, print: (line) => console.log(line) });
        console.log(`用时 / took ${(result.timings.totalMs / 1000).toFixed(1)} s`);
      } catch (error) {
        // Said in words: a schema in use is the person's to change (2); a failed year names its incidents (1).
        if (!(error instanceof DemoSchemaInUse || error instanceof DemoFailed)) throw error;
        console.error(error.message);
        process.exitCode = error instanceof DemoSchemaInUse ? 2 : 1;
      }
    });
}

function whole(option: string, min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) throw new InvalidArgumentError(`${option} 必须是 ${min} 到 ${max} 之间的整数 / must be a whole number from ${min} to ${max}`);
    return n;
  };
}
