#!/usr/bin/env node
// jingpin is written in TypeScript and runs without a build step: tsx compiles on load.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
