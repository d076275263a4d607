/** No rule set of the year is loaded: say what to load and how. */
export class RuleSetNotLoaded extends Error {
  override readonly name = 'RuleSetNotLoaded';
  constructor(readonly year: number, loadedYears: readonly number[]) {
    const known = loadedYears.length > 0 ? loadedYears.join('、') : '无';
    super(
      `没有 ${year} 年度的规则集（已导入：${known}）：请先起草并导入，如 \`jingpin rules new ${year}\`、\`jingpin rules load rules/${year}.json\` 或 POST /rule-sets / ` +
        `there is no rule set for the ${year} campaign (loaded: ${loadedYears.join(', ') || 'none'}): draft and load one first, ` +
        `e.g. \`jingpin rules new ${year}\`, \`jingpin rules load rules/${year}.json\` or POST /rule-sets`,
    );
  }
}

/** The same year and version was loaded before; a correction is a new version. */
export class RuleSetVersionExists extends Error {
  override readonly name = 'RuleSetVersionExists';
  constructor(readonly year: number, readonly version: number, loadedBy: string, loadedAt: Date) {
    super(
      `${year} 年度规则集第 ${version} 版已于 ${loadedAt.toISOString()} 由 ${loadedBy} 导入；更正请将 version 改为新版本号 / ` +
        `version ${version} of the ${year} rule set was loaded at ${loadedAt.toISOString()} by ${loadedBy}; a correction is a new version: raise "version"`,
    );
  }
}

/** A version older than (or equal to) one already loaded: versions only go up. */
export class RuleSetVersionBehind extends Error {
  override readonly name = 'RuleSetVersionBehind';
  constructor(readonly year: number, readonly version: number, readonly latest: number) {
    super(
      `${year} 年度已有第 ${latest} 版，新版本号应大于 ${latest}（文件为 ${version}）/ ` +
        `the ${year} rule set is at version ${latest} already: a new version must be above ${latest} (the file says ${version})`,
    );
  }
}

/** A campaign has used this version: it is part of the record and cannot change. */
export class RuleSetVersionInUse extends Error {
  override readonly name = 'RuleSetVersionInUse';
  constructor(readonly year: number, readonly version: number) {
    super(
      `${year} 年度规则集第 ${version} 版已被申报年度使用，不能修改；请以新版本号导入更正 / ` +
        `version ${version} of the ${year} rule set is used by a campaign and cannot be changed: load the correction as a new version`,
    );
  }
}

/** `--replace` for a version that was never loaded. */
export class RuleSetVersionMissing extends Error {
  override readonly name = 'RuleSetVersionMissing';
  constructor(readonly year: number, readonly version: number) {
    super(`${year} 年度规则集没有第 ${version} 版可替换 / there is no version ${version} of the ${year} rule set to replace`);
  }
}
