// Scope analysis on the syntax tree: which variables are declared where a name is used, with the
// shape of each (array dimensions, pointer levels) and its type.
import type { SyntaxNode } from './parser';

export interface DeclaredName {
  name: string;
  /** The declaration's type words, e.g. `int`, `unsigned long`, `struct point`. */
  type: string;
  arrayDims: number;
  pointers: number;
  /** Offset of the declarator: the nearer a declaration, the likelier the student meant it. */
  at: number;
}

/** The variables visible at `offset`: parameters, earlier declarations of each enclosing block, for-loop
 * declarations of enclosing loops, and file-scope declarations before it. Inner ones first. */
export function namesInScope(root: SyntaxNode, offset: number): DeclaredName[] {
  const names: DeclaredName[] = [];
  for (let node: SyntaxNode | null = root.descendantForIndex(offset); node; node = node.parent) {
    if (node.type === 'compound_statement' || node.type === 'translation_unit') {
      for (const child of node.namedChildren) {
        if (child.startIndex >= offset) break;
        if (child.type === 'declaration') names.push(...declaredBy(child));
      }
    } else if (node.type === 'for_statement') {
      const init = node.childForFieldName('initializer');
      if (init?.type === 'declaration' && init.endIndex <= offset) names.push(...declaredBy(init));
    } else if (node.type === 'function_definition') {
      const params = node.descendantsOfType('parameter_declaration');
      for (const p of params) names.push(...declaredBy(p));
    }
  }
  return names;
}

/** The variable in scope that identifier `name` refers to, if any. */
export function declaredNameOf(root: SyntaxNode, name: SyntaxNode): DeclaredName | undefined {
  return namesInScope(root, name.startIndex).find((n) => n.name === name.text);
}

/** The names one declaration (or parameter, or struct member) declares. */
export function declaredBy(declaration: SyntaxNode): DeclaredName[] {
  const type = declaration.childForFieldName('type')?.text ?? 'int';
  return declaration.childrenForFieldName('declarator').flatMap((d) => {
    let arrayDims = 0;
    let pointers = 0;
    let node: SyntaxNode | null = d;
    while (node && node.type !== 'identifier' && node.type !== 'field_identifier') {
      if (node.type === 'array_declarator') arrayDims++;
      if (node.type === 'pointer_declarator') pointers++;
      if (node.type === 'function_declarator') return [];
      node = node.childForFieldName('declarator');
    }
    return node ? [{ name: node.text, type, arrayDims, pointers, at: node.startIndex }] : [];
  });
}

/** The function definition around `offset`, if any. */
export function enclosingFunction(root: SyntaxNode, offset: number): SyntaxNode | undefined {
  for (let node: SyntaxNode | null = root.descendantForIndex(offset); node; node = node.parent) {
    if (node.type === 'function_definition') return node;
  }
  return undefined;
}

/**
 * True when `use` is the first use of a local variable declared without a value: only its
 * declaration comes before it in its function (a parameter, an initializer or any earlier use
 * would have set it, or been the first use).
 */
export function neverSetBefore(root: SyntaxNode, use: SyntaxNode): boolean {
  const f = enclosingFunction(root, use.startIndex);
  const before = f?.descendantsOfType('identifier').filter((id) => id.text === use.text && id.endIndex <= use.startIndex) ?? [];
  return before.length > 0 && before.every((id) => id.parent?.type === 'declaration');
}

/** The declaration (or parameter) that declares the name at `offset`. */
export function declarationOf(root: SyntaxNode, offset: number): SyntaxNode | undefined {
  for (let node: SyntaxNode | null = root.descendantForIndex(offset); node; node = node.parent) {
    if (node.type === 'declaration' || node.type === 'parameter_declaration') return node;
  }
  return undefined;
}
