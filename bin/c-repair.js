#!/usr/bin/env node
// The instructor's command line: the same engine as the language server (see server/src/cli.ts).
require('../dist/cli.js');
