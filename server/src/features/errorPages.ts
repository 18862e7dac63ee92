// The class of a diagnostic for its `code`, and the short page about that class shipped with the
// extension (media/errors/<class>.md), for the diagnostic's `codeDescription`. A `file:` URI: VS
// Code opens it in an editor from the hover and the Problems panel alike and offline, while a
// `command:` URI is ignored by the editor's hover (it opens code links without allowing commands).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompilerDiagnostic } from '../oracle/compiler';

export type ErrorClassId =
  | 'missing-semicolon'
  | 'undeclared-name'
  | 'implicit-declaration'
  | 'expected-expression'
  | 'unbalanced-brackets'
  | 'mismatched-types'
  | 'compiler-message';

/** Beside the bundle (dist/server.js), like the shipped model. */
export const ERROR_PAGES_DIR = path.join(__dirname, '..', 'media', 'errors');

// First match wins; gcc's and clang's wordings (messages are in the C locale: ASCII quotes).
const RULES: [ErrorClassId, RegExp][] = [
  ['implicit-declaration', /implicit declaration of function|call to undeclared function|implicit-function-declaration/],
  ['missing-semicolon', /expected '[,;]'(?: or ';')? (?:before|after|at end)|expected ';'$/],
  ['undeclared-name', /undeclared|unknown type name|use of undeclared identifier/],
  ['expected-expression', /expected expression/],
  ['unbalanced-brackets', /expected '[)}\]]'|expected declaration or statement at end of input|expected identifier or '\(' before '\}'|to match this '[({[]'|extraneous closing brace/],
  ['mismatched-types', /format '[^']*' expects|format specifies type|incompatible|conflicting types|makes (?:pointer|integer) from|array type|invalid operands|Wformat|Wint-conversion/],
];

export function errorClassOf(d: Pick<CompilerDiagnostic, 'message' | 'option'>): ErrorClassId {
  const text = `${d.message} ${d.option ?? ''}`.trim();
  return RULES.find(([, pattern]) => pattern.test(text))?.[0] ?? 'compiler-message';
}

/** The `file:` URI of the class's page. */
export const errorPageHref = (id: ErrorClassId) => pathToFileURL(path.join(ERROR_PAGES_DIR, `${id}.md`)).href;
