/**
 * Every CLI subcommand, in the order `--help` lists them.
 */
import type { Command } from '../command';
import { infoCommand } from './info.command';
import {
  exportCommand,
  importCommand,
  openBundleCommand,
  projectsCommand,
} from './library.commands';
import { renderCommand } from './render.command';
import { serveCommand } from './serve.command';

export const commands: readonly Command[] = [
  serveCommand,
  renderCommand,
  infoCommand,
  projectsCommand,
  importCommand,
  exportCommand,
  openBundleCommand,
];
