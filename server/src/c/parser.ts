// The syntax oracle in process: tree-sitter's C grammar says in a fraction of a millisecond whether a
// text parses and where its error regions are, so that the edit search screens thousands of
// candidate texts and the compiler confirms only the finalists.
import Parser = require('tree-sitter');
import C = require('tree-sitter-c');

/** A region the parser could not fit to the grammar: skipped text, or a token it had to invent. */
export interface SyntaxErrorRegion {
  /** UTF-16 offsets into the parsed text; start === end for a missing token. */
  start: number;
  end: number;
  /** The token the parser assumed missing here (e.g. ';'), if that is the error. */
  missing?: string;
}

let parser: Parser | undefined;

function sharedParser(): Parser {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(C as Parser.Language);
  }
  return parser;
}

/**
 * tree-sitter counts offsets in bytes of UTF-8; every non-ASCII code unit is replaced by one
 * ASCII letter so that byte offsets are the text's UTF-16 offsets (such characters stand in
 * strings and comments, or are errors the compiler reports anyway).
 */
const asciiOnly = (text: string) => text.replace(/[^\x00-\x7f]/g, 'a');

/**
 * The syntax tree of `text`; node offsets are the text's UTF-16 offsets, and a node's text is the
 * program's own (`"três"`, not the parsed `"tras"`): the tree reads it from the input it keeps, at
 * the same offsets.
 */
export function parseC(text: string): Parser.Tree {
  const tree = sharedParser().parse(asciiOnly(text));
  (tree as Parser.Tree & { input: string }).input = text;
  return tree;
}

export type SyntaxNode = Parser.SyntaxNode;

/**
 * The parsed text, at the same offsets as the nodes' indices. The root node starts at its first
 * token: the blank lines before it (its text leaves them out) come back as line ends.
 */
export const sourceOf = (root: SyntaxNode) => '\n'.repeat(root.startIndex) + root.text;

/** The expression inside any parentheses around it (`((c = getchar()))` gives the assignment). */
export const unparenthesized = (n: SyntaxNode | null | undefined): SyntaxNode | undefined =>
  (n?.type === 'parenthesized_expression' && n.namedChild(0) ? unparenthesized(n.namedChild(0)) : n ?? undefined);

/** The 1-based line a node starts on. */
export const lineOf = (node: SyntaxNode) => node.startPosition.row + 1;

/** The conditions of the program's `if`s, loops and `?:`s. */
export function conditionsOf(root: SyntaxNode): SyntaxNode[] {
  return root
    .descendantsOfType(['if_statement', 'while_statement', 'do_statement', 'for_statement', 'conditional_expression'])
    .map((s) => s.childForFieldName('condition'))
    .filter((c): c is SyntaxNode => c !== null);
}

/** The `if`s of an `else if` chain, in order: `first`, then each `else if` after it. */
export function elseIfChain(first: SyntaxNode): SyntaxNode[] {
  const chain: SyntaxNode[] = [];
  for (let s: SyntaxNode | null | undefined = first; s?.type === 'if_statement'; ) {
    chain.push(s);
    const alternative = s.childForFieldName('alternative');
    s = alternative?.type === 'else_clause' ? alternative.namedChildren[0] : alternative;
  }
  return chain;
}

/** The first `if` of the `else if` chain that `branch` belongs to. */
export function chainHead(branch: SyntaxNode): SyntaxNode {
  let head = branch;
  while (head.parent?.type === 'else_clause' && head.parent.parent?.type === 'if_statement') head = head.parent.parent;
  return head;
}

/** The innermost loop statement around `node`, if any (C has no nested functions). */
export function enclosingLoop(node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (/^(for|while|do)_statement$/.test(n.type)) return n;
  return undefined;
}

/**
 * tree-sitter's grammar accepts statements at file scope (for macro-heavy code); C does not. A
 * statement there is an error region too (`int f(int n); { ... }`, a function closed too early).
 */
const FILE_SCOPE_STATEMENTS = new Set([
  'compound_statement', 'expression_statement', 'if_statement', 'for_statement', 'while_statement', 'do_statement',
  'return_statement', 'break_statement', 'continue_statement', 'switch_statement', 'goto_statement',
  'labeled_statement', 'case_statement',
]);

/** How much of a text the parser could not fit: the characters its error regions cover, and one for
 * each token it had to invent. One region swallowing a whole function is worse than three typos. */
export function syntaxDamage(regions: readonly SyntaxErrorRegion[]): number {
  return regions.reduce((sum, r) => sum + (r.end - r.start) + (r.missing !== undefined ? 1 : 0), 0);
}

/** The parser's error regions in `text`, in text order. Directives are left to the preprocessor. */
export function syntaxErrors(text: string): SyntaxErrorRegion[] {
  const tree = parseC(text);
  const regions: SyntaxErrorRegion[] = [];
  const cursor = tree.walk();
  // Depth-first, descending only into nodes that contain an error (the cursor's own fields are
  // read first: building a node object costs more than the parse of a line).
  let depth = 0;
  let descend = true;
  for (;;) {
    if (descend) {
      if (cursor.nodeType === 'ERROR' || cursor.nodeIsMissing || (depth === 1 && FILE_SCOPE_STATEMENTS.has(cursor.nodeType))) {
        regions.push({ start: cursor.startIndex, end: cursor.endIndex, ...(cursor.nodeIsMissing ? { missing: cursor.nodeType } : {}) });
      } else if ((depth === 0 || cursor.currentNode.hasError) && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
    }
    if (cursor.gotoNextSibling()) {
      descend = true;
      continue;
    }
    if (!cursor.gotoParent()) break;
    depth--;
    descend = false;
  }
  return regions.filter((r) => !isDirectiveRegion(text, r));
}

/** tree-sitter's C grammar also parses directives; the compiler judges those. */
function isDirectiveRegion(text: string, r: SyntaxErrorRegion): boolean {
  const lineStart = text.lastIndexOf('\n', r.start - 1) + 1;
  const lineEnd = text.indexOf('\n', r.start);
  return /^[ \t]*#/.test(text.slice(lineStart, r.start + 1)) && (lineEnd < 0 || r.end <= lineEnd);
}
