#!/usr/bin/env node
// The `socai` command: the compiled CLI (npm ci builds it through the `prepare` script).
import '../dist/apps/cli/src/main.js';
