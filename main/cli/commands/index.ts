/**
 * Every CLI subcommand, in the order `--help` lists them.
 */
import type { Command } from '../command';
import { apiCommand } from './api.command';
import { assetCommand } from './asset.command';
import { infoCommand } from './info.command';
import {
  exportCommand,
  importCommand,
  openBundleCommand,
  projectsCommand,
} from './library.commands';
import { montageCommand } from './montage.command';
import { renderCommand } from './render.command';
import { newCommand } from './new.command';
import { serveCommand } from './serve.command';
import { loginCommand, publishCommand, queueCommand } from './sync.commands';

export const commands: readonly Command[] = [
  newCommand,
  serveCommand,
  apiCommand,
  renderCommand,
  infoCommand,
  projectsCommand,
  importCommand,
  exportCommand,
  openBundleCommand,
  montageCommand,
  assetCommand,
  loginCommand,
  publishCommand,
  queueCommand,
];
