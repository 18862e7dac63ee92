// Rule-based candidates: each rule answers a compiler message with edits that a student would make;
// the compiler then judges them. Three tables: rewrites for strict course flags, repairs of
// declarations from the names in scope, and rewrites for common compile errors that gcc has no
// fix-it for.
import { codeTokens, Token } from '../c/lexer';
import type { CompilerDiagnostic, TextEdit } from '../oracle/compiler';
import { ERROR_RULES } from './errorRules';
import { SCOPE_RULES } from './scopeRules';
import type { RepairSource } from './repair';
import { STRICT_RULES } from './strictRules';

/** One candidate: edits applied together. */
export type Proposal = TextEdit[];
/** A message pattern and the proposals it calls for, most specific first. */
export type Rule = [RegExp, (text: string, tokens: Token[], d: CompilerDiagnostic) => Proposal[]];

export interface RuleProposal {
  source: RepairSource;
  diagnostic: CompilerDiagnostic;
  edits: Proposal;
}

/** Every rule's proposals for each diagnostic, in order (the text is lexed once). */
export function ruleProposals(text: string, diagnostics: readonly CompilerDiagnostic[]): RuleProposal[] {
  const tokens = codeTokens(text);
  const tables: [RepairSource, readonly Rule[]][] = [['strict-rule', STRICT_RULES], ['scope-rule', SCOPE_RULES], ['error-rule', ERROR_RULES]];
  return diagnostics.flatMap((diagnostic) =>
    tables.flatMap(([source, rules]) =>
      rules.filter(([re]) => re.test(diagnostic.message)).flatMap(([, rule]) => rule(text, tokens, diagnostic).map((edits) => ({ source, diagnostic, edits }))),
    ),
  );
}
