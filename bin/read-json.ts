import { readFile } from 'node:fs/promises';

/** Bad input on the command line (an argument, a file): the command exits 2 with this message. */
export class CommandInputError extends Error {
  override readonly name = 'CommandInputError';
}

/** Reads a JSON file, or fails naming the file and what is wrong with it. */
export async function readJsonFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CommandInputError(`无法读取文件 / cannot read ${file}: ${error.code ?? error.message}`);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CommandInputError(`${file} 不是有效的 JSON / is not valid JSON: ${(error as Error).message}`);
  }
}
