#!/usr/bin/env node
// Launcher for the `replyline` command: lets Node load the TypeScript sources through tsx,
// then hands the arguments to the CLI.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import(new URL('../lib/cli/main.ts', import.meta.url).href);
process.exitCode = await runCli(process.argv.slice(2));
