// The repair engine, shared by the language server, the "Repair assignment" command and the CLI.
// Round after round it gathers candidates (the compiler's fix-its, rewrites for strict flags and
// common errors, scope repairs, minimal token edits screened by the C parser at every error site,
// the model's N-best; for failing tests, the model and one-token logic edits), lets the real oracles
// judge them (the compiler, then the assignment's tests), applies the best, and stops when the
// program is clean, nothing improves, a text comes back, or the rounds run out.
import { compile, CompileResult, CompilerDiagnostic, CompilerOptions } from '../oracle/compiler';
import { screeningCompiler } from '../oracle/screening';
import { runTests, TestCase, TestReport, TestResult, type TestRunOptions } from '../oracle/testRunner';
import { TestSandboxes } from '../oracle/testSandboxes';
import type { ModelSource } from './modelSource';
import { promptDiagnostics, type FailingTest, type RepairProblem } from '../model/prompt';
import { concretize } from './concretize';
import { firstErrorProgress, isProgress, verdictOf } from '../oracle/judge';
import { applyEdits, changedLines, changedTokenCount, editsOverlap, TextEdit } from './edits';
import { SteppingStones, stepDistance } from './editPairs';
import { explainEdit, summarizeEdits } from './explain';
import { fixitRepairs } from './fixitRepair';
import { blameDecisions, everyLineSuspect, ochiai, rankedLines, type Suspicion } from './faultLocalization';
import { synthesizeConditions, type ProbedTest } from './conditionSynthesis';
import { type LogicEdit, logicMutations } from './mutationSearch';
import { editOwners } from './provenance';
import { referenceEdits } from './referenceRepair';
import { ruleProposals } from './rules';
import { syntaxCandidates } from './syntaxSearch';
import { instrument, probeCompiler, probeSites, readProbes } from './valueProbes';
import { warningFixits } from './warningFixits';
import { parseC } from '../c/parser';
import type { ExplainedEdit, Repair, RepairSource } from './repair';

export interface EngineOptions {
  compiler: CompilerOptions;
  tests?: readonly TestCase[];
  model?: ModelSource;
  /** Rounds of test repair. */
  maxRounds?: number;
  /** Rounds of compile repair (a program can have dozens of errors; each round may fix several). */
  maxCompileRounds?: number;
  /** Compiles spent on parser-screened edits per round. */
  syntaxSearchBudget?: number;
  /** Model candidates per round. */
  nBest?: number;
  /** Candidates of the logic edit search tried per round. */
  mutationBudget?: number;
  /** Correct programs for the same assignment (the instructor's reference, passing peers): their differences are candidate edits. */
  references?: readonly string[];
  /** Candidates taken from references tried per round. */
  referenceBudget?: number;
  /** Pairs of logic edits tried per round when no single edit was accepted. */
  pairBudget?: number;
  /** Test steps in a row that only bring a failing output closer (default MAX_CLOSER_STEPS; 0: none). */
  closerSteps?: number;
  /** A test repair may change at most this many lines of the original in all (it must keep the student's program). */
  maxChangedLines?: number;
  /** A compile repair may change at most this many tokens in all (it must keep the student's code). */
  maxChangedTokens?: number;
  /** The model as the only candidate source, judged and iterated as usual (the model's ablation). */
  onlyModel?: boolean;
  signal?: AbortSignal;
}

export type EngineStatus = 'repaired' | 'unchanged' | 'failed';

export interface EngineResult {
  status: EngineStatus;
  original: string;
  /** The best program reached (equal to the original when nothing was accepted). */
  repaired: string;
  edits: ExplainedEdit[];
  before: CompileResult;
  after: CompileResult;
  testsBefore?: TestReport;
  testsAfter?: TestReport;
  rounds: number;
  forwardPasses: number;
  /** Which source each accepted round came from. */
  sources: RepairSource[];
  /** Where the failing tests point in the original (compiled) program: lines, most suspicious first, with their score. */
  faultLines?: { line: number; score: number }[];
  ms: number;
}

export interface Candidate {
  text: string;
  source: RepairSource;
  changedTokens: number;
  /** Why it is made: the diagnostic or the failing test it answers. */
  reason: CompilerDiagnostic | string;
  /** Edits for several errors at once, as one step per error (each explained by its own). */
  steps?: Candidate[];
  /** Fitted to the failing test (its expected digits written into a literal): taken only when it passes every test. */
  onlyIfAllPass?: boolean;
}

export interface Judged extends Candidate {
  compiled: CompileResult;
  /** A test step that passes no more tests but brings the failing test's output closer to what it expects: kept only if a later step gains. */
  closer?: true;
  /** Where its first error stands in the text it was made from (later is better). */
  firstErrorAt?: number;
  tests?: TestReport;
}

/** A candidate and, when its source has it already, its compile result. */
interface Proposal {
  candidate: Candidate;
  compiled?: CompileResult;
}

/** A source of candidates for a round, asked in order. */
interface CandidateSource {
  /** Asked to the end always; until a candidate good enough for the round is found; or, until then,
   * only when no source before it had a candidate accepted. */
  when: 'always' | 'until-enough' | 'if-none-accepted';
  /** Its candidates, most promising first; each `yield` answers whether the judge accepted it. */
  proposals(): AsyncGenerator<Proposal, void, boolean>;
  /** Its proposals do not depend on the answers: several may be judged at once. */
  independent?: boolean;
}

/**
 * Candidates a test round still judges after one that passes some more tests but not all (about one
 * suspicious line's guesses).
 */
const LOOK_FURTHER = 20;

/**
 * Runs at once (the machines have two cores or more): judgements of an independent source's
 * candidates, or the tests of one program run alone (the program as it is, its screen, its
 * localization, a closer step).
 */
const PARALLEL_RUNS = 2;

/**
 * Limits for running a logic candidate: an edit that makes a loop endless (`i++` to `i--`) is common
 * among candidates and must cost a second, not the 2 s CPU / 5 s wall a student's own run may take.
 */
const CANDIDATE_RUN_LIMITS = { wallMs: 1500, limits: { cpuSeconds: 1 } };

/**
 * A candidate's wall-clock limit per test: 20 times the slowest test of the program it was made
 * from that ended in time, at least 300 ms and at most CANDIDATE_RUN_LIMITS'. Most candidates that
 * run long are endless loops; waiting 1.5 s for each made them the search's main cost, most of all
 * in a program that loops itself (its runs that were cut tell nothing of how long a test takes).
 */
export function candidateRunLimits(report: TestReport): Pick<TestRunOptions, 'wallMs' | 'limits'> {
  const slowest = Math.max(0, ...report.results.filter((r) => r.status !== 'timeout' && r.status !== 'output-limit').map((r) => r.ms));
  return { ...CANDIDATE_RUN_LIMITS, wallMs: Math.min(CANDIDATE_RUN_LIMITS.wallMs, Math.max(300, 20 * slowest)) };
}

/**
 * The program as it is: its tests side by side, and once one ran out of time, those started after
 * it with a candidate's limits. A program that loops on every test paid the full 2 CPU seconds on
 * each, one after the other (20 tests: 40 s, more than a batch's whole budget).
 */
const FIRST_RUN: Partial<TestRunOptions> = {
  concurrency: PARALLEL_RUNS,
  afterTimeouts: { count: 1, wallMs: CANDIDATE_RUN_LIMITS.wallMs, cpuSeconds: CANDIDATE_RUN_LIMITS.limits.cpuSeconds },
};

/** Tests that ran out of time that a localization runs again (each costs a CPU second): where the program loops, two say it. */
const LOCALIZED_TIMEOUTS = 2;

/**
 * Steps in a row that pass no more tests but bring the failing test's output closer (a prompt the
 * tests do not expect deleted, after which a pair of edits passes); a step is kept only when a
 * later one passes more tests. Each costs a whole round more on a program it does not repair, so one.
 */
const MAX_CLOSER_STEPS = 1;
/** Closer candidates checked against every test, per round. */
const CLOSER_TRIES = 3;

// Of candidates alike in every other way: a rule written for the message from real submissions
// before the compiler's generic fix-it (`for (i = 0; i < n, i++)`: the comma, not a `;` before `)`).
const SOURCE_ORDER: Record<RepairSource, number> = { model: 0, 'error-rule': 1, 'compiler-fixit': 2, 'strict-rule': 3, 'scope-rule': 4, 'syntax-search': 5, reference: 6, 'logic-search': 7 };

/** Better first: fewer errors, the first error later, more tests passed, fewer warnings, smaller edits. */
function compareJudged(a: Judged, b: Judged): number {
  return (
    a.compiled.errorCount - b.compiled.errorCount ||
    (b.firstErrorAt ?? 0) - (a.firstErrorAt ?? 0) ||
    (b.tests?.passed ?? 0) - (a.tests?.passed ?? 0) ||
    a.compiled.warningCount - b.compiled.warningCount ||
    a.changedTokens - b.changedTokens ||
    SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source]
  );
}


export class RepairEngine {
  private forwardPasses = 0;
  /** The first test round's fault localization (of the program before any logic edit). */
  private firstLocalization: Suspicion | undefined;
  /** The test phase's sandboxes, kept up from one candidate to the next. */
  private sandboxes: TestSandboxes | undefined;

  constructor(private readonly options: EngineOptions) {}

  async repair(original: string): Promise<EngineResult> {
    const started = Date.now();
    const hasTests = (this.options.tests?.length ?? 0) > 0;
    this.sandboxes = hasTests ? new TestSandboxes() : undefined;
    // The tests' first run starts beside the first compile, on the other core: most programs
    // compile, and the run builds the program anyway. Its report is the test phase's start.
    const firstRun = hasTests ? this.test(original, FIRST_RUN).catch(() => undefined) : undefined;
    try {
      return await this.repairFrom(original, started, firstRun);
    } finally {
      await firstRun; // not left running into the sandboxes' removal
      await this.sandboxes?.dispose();
      this.sandboxes = undefined;
    }
  }

  private async repairFrom(original: string, started: number, firstRun: Promise<TestReport | undefined> | undefined): Promise<EngineResult> {
    const o = this.options;
    const maxRounds = o.maxRounds ?? 6;
    const maxCompileRounds = o.maxCompileRounds ?? 12;
    const before = await compile(original, o.compiler, o.signal);
    let text = original;
    let current = before;
    const accepted: Candidate[] = [];
    let rounds = 0;

    // Phase 1: make it compile, with the compiler as the judge.
    const visited = new Set<string>([original]);
    while (rounds < maxCompileRounds && current.errorCount > 0 && !o.signal?.aborted) {
      const best = await this.compileRound(text, current, original, visited);
      if (!best || o.signal?.aborted) break;
      visited.add(best.text);
      rounds++;
      accepted.push(...(best.steps ?? [best]));
      text = best.text;
      current = best.compiled;
    }

    // Then the compiler's verified fix-its for warnings (a missing #include, a misspelled call).
    while (rounds < maxCompileRounds && current.errorCount === 0 && current.warningCount > 0 && !o.signal?.aborted) {
      const [fix] = await fixitRepairs(text, current, o.compiler, o.signal); // verified: each improves
      if (!fix || o.signal?.aborted) break;
      rounds++;
      const candidateText = applyEdits(text, fix.edits);
      accepted.push(this.candidate(text, candidateText, 'compiler-fixit', fix.diagnostic));
      text = candidateText;
      current = fix.after;
    }

    // Phase 2: make it pass its tests, with the tests as the judge.
    let testsBefore: TestReport | undefined;
    let testsNow: TestReport | undefined;
    if (o.tests && o.tests.length > 0 && current.errorCount === 0 && !o.signal?.aborted) {
      testsBefore = (await firstRun) ?? (await this.test(original, FIRST_RUN));
      testsNow = text === original ? testsBefore : await this.test(text, FIRST_RUN);
      let testRounds = 0;
      let kept: { text: string; current: CompileResult; testsNow?: TestReport; accepted: number; rounds: number } = { text, current, testsNow, accepted: accepted.length, rounds };
      let closerSteps = 0;
      while (testRounds++ < maxRounds && testsNow && testsNow.passed < testsNow.total && !o.signal?.aborted) {
        const best = await this.testRound(text, current, testsNow, original, closerSteps < (o.closerSteps ?? MAX_CLOSER_STEPS));
        if (!best || o.signal?.aborted) break;
        rounds++;
        accepted.push(...(best.steps ?? [best]));
        text = best.text;
        current = best.compiled;
        testsNow = best.tests;
        closerSteps = best.closer ? closerSteps + 1 : 0;
        if (!best.closer) kept = { text, current, testsNow, accepted: accepted.length, rounds };
      }
      // Steps that only brought an output closer, with no gain after them, are undone.
      ({ text, current, testsNow, rounds } = kept);
      accepted.length = kept.accepted;
    }

    const edits = explainChain(original, accepted);
    const clean = current.errorCount === 0 && (!testsNow || testsNow.passed === testsNow.total);
    const status: EngineStatus = text === original ? (clean ? 'unchanged' : 'failed') : clean ? 'repaired' : 'failed';
    return {
      status, original, repaired: text, edits, before, after: current, testsBefore, testsAfter: testsNow, rounds,
      forwardPasses: this.forwardPasses, sources: accepted.map((a) => a.source),
      faultLines: this.firstLocalization && rankedLines(this.firstLocalization),
      ms: Date.now() - started,
    };
  }

  /** The tests run on `text` (all of them unless `tests` says which, in which order), in the repair's sandboxes. */
  private test(text: string, extra: Partial<TestRunOptions> = {}, tests = this.options.tests ?? []): Promise<TestReport> {
    return runTests(text, tests, { compiler: this.options.compiler, signal: this.options.signal, sandboxes: this.sandboxes, ...extra });
  }

  /**
   * One compile-repair round: the best candidate the judge accepts, or undefined. `original` bounds
   * the whole repair's size; `visited` stops cycles; `verifiedFixits`: the errors' fix-its, when the
   * caller has compiled them already.
   */
  async compileRound(
    text: string,
    current: CompileResult,
    original = text,
    visited: ReadonlySet<string> = new Set(),
    verifiedFixits?: readonly Repair[],
  ): Promise<Judged | undefined> {
    const o = this.options;
    const maxTokens = o.maxChangedTokens ?? 10;
    const before = verdictOf(text, current);
    const admissible = (c: Candidate) =>
      c.changedTokens <= maxTokens && (original === text || changedTokenCount(original, c.text) <= maxTokens);
    return this.round(text, visited, this.compileSources(text, current, verifiedFixits), async (c, compiled) => {
      if (!admissible(c)) return undefined;
      compiled ??= await compile(c.text, o.compiler, o.signal);
      const after = verdictOf(c.text, compiled);
      return isProgress('compile', before, after) ? { ...c, compiled, firstErrorAt: firstErrorProgress(before, after) } : undefined;
    }, (j) => j.compiled.errorCount === 0 && j.compiled.warningCount <= current.warningCount);
  }

  /**
   * The compile round's sources, cheapest first: the compiler's own fix-its (already compiled), the
   * rules, minimal token edits screened by the parser (until one compiles), and the model, which
   * costs the most, only when none of those was accepted.
   */
  private compileSources(text: string, current: CompileResult, verifiedFixits?: readonly Repair[]): CandidateSource[] {
    const o = this.options;
    const errors = current.diagnostics.filter((d) => d.severity === 'error');
    const self = this;
    const model: CandidateSource = {
      when: o.onlyModel ? 'always' : 'if-none-accepted',
      async *proposals() {
        for (const candidate of await self.modelCandidates(text, current.diagnostics)) yield { candidate };
      },
    };
    if (o.onlyModel) return [model];
    return [
      {
        when: 'always',
        async *proposals() {
          for (const fix of verifiedFixits ?? (await fixitRepairs(text, current, o.compiler, o.signal, 'error'))) {
            yield { candidate: self.candidate(text, applyEdits(text, fix.edits), 'compiler-fixit', fix.diagnostic), compiled: fix.after };
          }
        },
      },
      {
        when: 'always',
        // A rule's proposals for one diagnostic come most likely first: the first accepted is taken.
        async *proposals() {
          const answered = new Set<CompilerDiagnostic>();
          for (const { source, diagnostic, edits } of ruleProposals(text, errors.slice(0, 3))) {
            if (answered.has(diagnostic) || editsOverlap(edits)) continue;
            if (yield { candidate: self.candidate(text, applyEdits(text, edits), source, diagnostic) }) answered.add(diagnostic);
          }
        },
      },
      {
        when: 'until-enough',
        // Ranked by the parser; the compiler confirms them in that order, within a budget.
        async *proposals() {
          const found = syntaxCandidates(text, errors).slice(0, o.syntaxSearchBudget ?? 12);
          for (const { edits, reason, parts } of found) {
            const candidate = self.candidate(text, applyEdits(text, edits), 'syntax-search', reason);
            yield { candidate: parts ? { ...candidate, steps: self.steps(text, parts) } : candidate };
          }
        },
      },
      model,
    ];
  }

  /**
   * Asks each source in turn (as its `when` allows), has `judge` judge every candidate once, and
   * returns the best accepted. `enough`: a candidate that makes further search pointless.
   * `lookFurther`: once a candidate is accepted but not enough, how many more are judged at most.
   */
  private async round(
    text: string,
    visited: ReadonlySet<string>,
    sources: readonly CandidateSource[],
    judge: (c: Candidate, compiled?: CompileResult) => Promise<Judged | undefined>,
    enough: (j: Judged) => boolean,
    lookFurther = Infinity,
  ): Promise<Judged | undefined> {
    const judged: Judged[] = [];
    const tried = new Set<string>(visited); // sources may propose the same text (a rule for several errors)
    let judgements = 0;
    let firstAccepted = Infinity;
    const stop = (when: CandidateSource['when']) =>
      this.options.signal?.aborted === true || (when !== 'always' && (judged.some(enough) || judgements - firstAccepted >= lookFurther));
    for (const source of sources) {
      if (stop(source.when) || (source.when === 'if-none-accepted' && judged.length > 0)) continue;
      const proposals = source.proposals();
      // Independent proposals are judged `width` at a time (each judgement is a compile and a run).
      const width = source.independent ? PARALLEL_RUNS : 1;
      let feedback = false;
      while (!stop(source.when)) {
        const chunk: Proposal[] = [];
        for (let next; chunk.length < width && !(next = await proposals.next(feedback)).done; feedback = false) chunk.push(next.value);
        if (chunk.length === 0) break;
        const fresh = chunk.filter(({ candidate }) => candidate.text !== text && !tried.has(candidate.text) && tried.add(candidate.text));
        const verdicts = await Promise.all(fresh.map(({ candidate, compiled }) => judge(candidate, compiled)));
        // A compile cut by the abort says nothing: its candidate is not taken.
        if (this.options.signal?.aborted) break;
        judgements += fresh.length;
        for (const accepted of verdicts) if (accepted) judged.push(accepted);
        if (judged.length > 0) firstAccepted = Math.min(firstAccepted, judgements);
        feedback = verdicts.some((v) => v !== undefined);
      }
    }
    return judged.sort(compareJudged)[0];
  }

  /**
   * The editor's quick fixes for one compiled text: the best repair round for the errors (preferred),
   * then the compiler's verified fix-its for the other diagnostics. Each fix-it is compiled once.
   */
  async quickFixes(text: string, compiled: CompileResult): Promise<Repair[]> {
    const o = this.options;
    const fixits = await fixitRepairs(text, compiled, o.compiler, o.signal);
    const repairs: Repair[] = [];
    const firstError = compiled.diagnostics.find((d) => d.severity === 'error');
    if (firstError) {
      const best = await this.compileRound(text, compiled, text, new Set(), fixits.filter((f) => f.diagnostic.severity === 'error'));
      if (best && !o.signal?.aborted) {
        const edits = RepairEngine.explainCandidate(text, best);
        repairs.push({ title: summarizeEdits(text, edits), source: best.source, edits, diagnostic: firstError, after: best.compiled });
      }
    }
    const answered = new Set(repairs.map((r) => r.diagnostic));
    return [...repairs, ...fixits.filter((f) => !answered.has(f.diagnostic))];
  }

  /** Non-overlapping parts applied one after another, last first so that earlier offsets hold. */
  private steps(text: string, parts: readonly { edits: TextEdit[]; reason: CompilerDiagnostic }[]): Candidate[] {
    const steps: Candidate[] = [];
    let at = text;
    for (const part of [...parts].sort((a, b) => b.edits[0].start - a.edits[0].start)) {
      const next = applyEdits(at, part.edits);
      steps.push(this.candidate(at, next, 'syntax-search', part.reason));
      at = next;
    }
    return steps;
  }

  private candidate(text: string, candidateText: string, source: RepairSource, reason: CompilerDiagnostic): Candidate {
    return { text: candidateText, source, changedTokens: changedTokenCount(text, candidateText), reason };
  }

  /**
   * One test-repair round: the best candidate that passes more tests and loses none, or undefined.
   * The first failing test is the round's target: a candidate is run on it first and dropped at once
   * when it still fails it (most do), then on the tests that pass now, and dropped at the first it
   * loses, so that only promising candidates run every test.
   */
  private async testRound(text: string, current: CompileResult, report: TestReport, original: string, mayStepCloser: boolean): Promise<Judged | undefined> {
    const failing = report.results.find((r) => !r.passed);
    if (!failing) return undefined;
    const problem: FailingTest = { input: failing.input, expected: failing.expected, actual: failing.actual };
    const reason = `test ${failing.name} expects ${JSON.stringify(shorten(failing.expected))} but the program printed ${JSON.stringify(shorten(failing.actual))}`;
    const o = this.options;
    const self = this;
    const before = { ...verdictOf(text, current), tests: report };
    // The round's failing test, then the tests that pass now, then the other failing ones: a
    // candidate's run stops at the first of the first two kinds that it fails (it gains nothing, or it loses).
    const passes = new Set(report.results.filter((r) => r.passed).map((r) => r.name));
    const kind = (t: TestCase) => (t.name === failing.name ? 0 : passes.has(t.name) ? 1 : 2);
    const targetFirst = [...(o.tests ?? [])].sort((a, b) => kind(a) - kind(b));
    const required = 1 + passes.size;
    // Started now, so that it runs while the model proposes; the editor and the CLI show the first one.
    const suspicion = this.localize(text, report);
    // Also started now: a compile beside the localization's runs, on the other core.
    const warned = o.onlyModel ? Promise.resolve([]) : warningFixits(text, o.compiler, o.signal).catch(() => []);
    let found: Promise<LogicEdit[]> | undefined;
    // Without coverage (a program that floods its output is killed before it writes any), every line is a suspect.
    const mutations = () => (found ??= suspicion.then((s) => logicMutations(text, { suspicion: s ?? everyLineSuspect(text), failing: problem })));
    const stones = new SteppingStones(problem);
    const logicCandidate = (edits: TextEdit[], source: 'reference' | 'logic-search', pattern?: string, fitsTest?: boolean): Candidate => {
      const candidateText = applyEdits(text, edits);
      // Fitted to this test, it is no step toward a repair either (nor half of a pair).
      if (!fitsTest) stones.propose(candidateText, edits);
      const cause = source === 'reference' ? 'a correct program for this assignment does it so' : pattern;
      const why = cause ? `${cause}, and ${reason}` : reason;
      return { text: candidateText, source, changedTokens: changedTokenCount(text, candidateText), reason: why, ...(fitsTest ? { onlyIfAllPass: true } : {}) };
    };
    const sources: CandidateSource[] = [
      {
        when: 'always',
        async *proposals() {
          for (const candidate of await self.modelCandidates(text, problem, reason)) yield { candidate };
        },
      },
      ...(o.onlyModel ? [] : [
        {
          // Edits read off the failing output (a word, a prompt, a newline in a literal): the surest.
          when: 'until-enough' as const,
          independent: true,
          async *proposals() {
            for (const e of (await mutations()).filter((m) => m.guided)) yield { candidate: logicCandidate(e.edits, 'logic-search', e.why, e.fitsTest) };
          },
        },
        {
          // Edits for the warnings the flags may hide: formats that do not match their arguments, elements passed for pointers.
          when: 'until-enough' as const,
          independent: true,
          async *proposals() {
            for (const fix of await warned) yield { candidate: logicCandidate(fix.edits, 'logic-search', fix.why) };
          },
        },
        {
          // What a correct program for the same assignment does differently, on the suspicious lines first.
          when: 'until-enough' as const,
          independent: true,
          async *proposals() {
            if (!o.references?.length) return;
            for (const edits of referenceEdits(text, o.references, await suspicion).slice(0, o.referenceBudget ?? 40)) yield { candidate: logicCandidate(edits, 'reference') };
          },
        },
        {
          // Small logic edits on the lines the failing tests point at, until one passes every test or the budget ends.
          when: 'until-enough' as const,
          independent: true,
          async *proposals() {
            // The budget counts single guesses; an edit's siblings come along with it, and the few
            // whole-statement patterns are all tried.
            let budget = o.mutationBudget ?? 60;
            let withinBudget = true;
            for (const e of (await mutations()).filter((m) => !m.guided)) {
              if (!e.sibling && !e.pattern) withinBudget = budget-- > 0;
              if (withinBudget || e.pattern) yield { candidate: logicCandidate(e.edits, 'logic-search', e.why, e.fitsTest) };
            }
          },
        },
        {
          // Conditions synthesized from the values the tests reach them with, where the edits above repaired nothing.
          when: 'until-enough' as const,
          independent: true,
          async *proposals() {
            // A program the probes cannot take (a construct they do not foresee) leaves the other sources their round.
            const synthesized = await self.synthesizedConditions(text, report, await suspicion, failing).catch(() => []);
            for (const e of synthesized) yield { candidate: logicCandidate(e.edits, 'logic-search', e.why) };
          },
        },
        {
          // Two of the edits above together, when none alone made a failing test pass: those that moved its output.
          when: 'if-none-accepted' as const,
          independent: true,
          async *proposals() {
            for (const edits of stones.pairs(o.pairBudget ?? 30)) yield { candidate: logicCandidate(edits, 'logic-search') };
          },
        },
      ]),
    ];
    const maxLines = o.maxChangedLines ?? 5;
    const runLimits = candidateRunLimits(report);
    const screen = await this.screenFor(text, report, failing);
    // Only a candidate that passes every test ends the search at once: an edit that gains some tests
    // is often one that fits them by chance (`sum % 9 == 0` to `% 10 == 1`) while the slip sits a few
    // guesses on. A program with several slips gains one at a time, so the look further is short.
    const passesEveryTest = (j: Judged) => j.tests !== undefined && j.tests.passed === j.tests.total;
    const gained = await this.round(text, new Set(), sources, async (c) => {
      if (changedLines(original, c.text) > maxLines) return undefined;
      // Every test, the failing one first; with a screen, only a candidate that gains with tcc is built and run by the user's compiler.
      const run = { requiredFirst: required, ...runLimits };
      const first = await this.test(c.text, { compiler: screen ?? o.compiler, ...run }, targetFirst);
      stones.record(c.text, first.results[0]);
      if (first.passed <= report.passed) return undefined;
      const tests = screen ? await this.test(c.text, run, targetFirst) : first;
      if (!tests.compiled || tests.passed <= report.passed || (c.onlyIfAllPass && tests.passed < tests.total)) return undefined;
      const compiled = await compile(c.text, o.compiler, o.signal);
      const after = { ...verdictOf(c.text, compiled), tests };
      return isProgress('tests', before, after) ? { ...c, compiled, tests } : undefined;
    }, passesEveryTest, LOOK_FURTHER);
    if (gained || !mayStepCloser || o.signal?.aborted) return gained;
    return this.closerStep(text, report, failing, stones, reason, runLimits, screen);
  }

  /**
   * When no candidate passes more tests: of the stones nearer the expected output than the program
   * (closest first), the first whose program, built by the user's compiler, keeps every passing test
   * and prints something closer to what the failing test expects. With a screen, only a stone that
   * does so when built by the screen is built by the user's compiler.
   */
  private async closerStep(
    text: string, report: TestReport, failing: TestResult, stones: SteppingStones, reason: string, runLimits: Partial<TestRunOptions>,
    screen: CompilerOptions | undefined,
  ): Promise<Judged | undefined> {
    const o = this.options;
    const now = stepDistance(failing.actual, failing.expected);
    const closer = async (candidateText: string, compiler: CompilerOptions) => {
      const tests = await this.test(candidateText, { ...runLimits, compiler, concurrency: PARALLEL_RUNS });
      const target = tests.results.find((r) => r.name === failing.name);
      const gains = tests.compiled && target && keepsPassing(report, tests) && stepDistance(target.actual, failing.expected) < now;
      return gains ? tests : undefined;
    };
    for (const e of stones.closest(now, CLOSER_TRIES)) {
      const candidateText = applyEdits(text, e);
      const tests = screen && !(await closer(candidateText, screen)) ? undefined : await closer(candidateText, o.compiler);
      if (o.signal?.aborted) return undefined;
      if (!tests) continue;
      const compiled = await compile(candidateText, o.compiler, o.signal);
      if (compiled.errorCount > 0) continue;
      return { text: candidateText, source: 'logic-search', changedTokens: changedTokenCount(text, candidateText), reason, compiled, tests, closer: true };
    }
    return undefined;
  }

  /**
   * The screening compiler for this round's candidates (oracle/screening.ts), when it builds the
   * current text and gives every test the same verdict as the user's compiler, and the round's
   * failing test the same output; otherwise none (every candidate goes straight to the user's compiler).
   */
  private async screenFor(text: string, report: TestReport, failing: TestResult): Promise<CompilerOptions | undefined> {
    const screen = screeningCompiler();
    if (!screen) return undefined;
    // The candidates' own limits: a test the program loops on is cut as soon as a candidate's would be.
    const screened = await this.test(text, { compiler: screen, ...candidateRunLimits(report), concurrency: PARALLEL_RUNS }).catch(() => undefined);
    if (!screened?.compiled) return undefined;
    const agrees = report.results.every((r) => screened.results.find((s) => s.name === r.name)?.passed === r.passed);
    return agrees && screened.results.find((s) => s.name === failing.name)?.actual === failing.actual ? screen : undefined;
  }

  /**
   * Conditions synthesized from a probed run of the tests (valueProbes.ts, conditionSynthesis.ts) at
   * the suspicious conditions; none when the probed program does not build, or passes or fails a
   * test otherwise than `text` does.
   */
  private async synthesizedConditions(text: string, report: TestReport, suspicion: Suspicion | undefined, failing: TestResult): Promise<LogicEdit[]> {
    const root = parseC(text).rootNode;
    const sites = probeSites(root, blameDecisions(root, suspicion ?? everyLineSuspect(text)));
    if (sites.length === 0) return [];
    const options = { ...candidateRunLimits(report), keepStderr: true, concurrency: PARALLEL_RUNS, compiler: probeCompiler(this.options.compiler) };
    const probed = await this.test(instrument(text, sites), options).catch(() => undefined);
    if (!probed?.compiled) return [];
    const tests: ProbedTest[] = [];
    for (const r of report.results) {
      const run = probed.results.find((p) => p.name === r.name);
      if (!run || run.passed !== r.passed) return [];
      tests.push({ passed: r.passed, target: r.name === failing.name, sites: readProbes(run.stderr ?? '', sites) });
    }
    return synthesizeConditions(root, sites, tests);
  }

  /**
   * Which lines the failing tests point at (an instrumented run of the tests), if coverage works
   * here. A run that loops is cut by the CPU limit, which prints its coverage (a wall-clock cut would
   * not): a candidate's one CPU second, and only LOCALIZED_TIMEOUTS of the tests that ran out of
   * time in `report`, so that a program that loops on every test is localized in a second or two.
   */
  private async localize(text: string, report: TestReport): Promise<Suspicion | undefined> {
    const skipped = new Set(report.results.filter((r) => r.status === 'timeout').slice(LOCALIZED_TIMEOUTS).map((r) => r.name));
    const tests = (this.options.tests ?? []).filter((t) => !skipped.has(t.name));
    // Never rejects: it runs unawaited beside the model, and the search goes on without it.
    // Two at once: the screen's runs beside it end soon, and the round's search waits for this one.
    const options = { coverage: true, limits: CANDIDATE_RUN_LIMITS.limits, concurrency: PARALLEL_RUNS };
    const covered = await this.test(text, options, tests).catch(() => undefined);
    const suspicion = covered && ochiai(covered);
    this.firstLocalization ??= suspicion;
    return suspicion;
  }

  private async modelCandidates(text: string, problem: CompilerDiagnostic[] | FailingTest, reason?: string): Promise<Candidate[]> {
    const model = this.options.model;
    if (!model) return [];
    const promptProblem: RepairProblem = Array.isArray(problem) ? promptDiagnostics(problem) : problem;
    const result = await model.propose(text, promptProblem, { n: this.options.nBest ?? 4, signal: this.options.signal });
    this.forwardPasses += result.forwardPasses;
    const firstError = Array.isArray(problem) ? problem.find((d) => d.severity === 'error') : undefined;
    const candidates: Candidate[] = [];
    for (const proposal of result.candidates) {
      const c = concretize(result.program, result.pools, proposal.tokens, text);
      if ('error' in c || c.edits.length === 0) continue;
      candidates.push({ text: c.text, source: 'model', changedTokens: c.changedTokens, reason: firstError ?? reason ?? 'the model proposes it' });
    }
    return candidates;
  }

  /** The repair one candidate makes, as minimal explained edits on `text`. */
  static explainCandidate(text: string, candidate: Candidate): ExplainedEdit[] {
    return explainChain(text, candidate.steps ?? [candidate]);
  }
}

/** Minimal edits from `original` to the last text of `chain`, each explained by the step that wrote it. */
function explainChain(original: string, chain: readonly Candidate[]): ExplainedEdit[] {
  if (chain.length === 0) return [];
  const owners = editOwners(original, chain.map((c) => ({ text: c.text, owner: c })), chain[chain.length - 1]);
  return owners.map(({ edit, owner }) => ({ ...edit, explanation: explainEdit(original, edit, why(owner)) }));
}

function why(c: Candidate): string {
  return typeof c.reason === 'string' ? c.reason : `the compiler reports "${c.reason.message}" on line ${c.reason.line + 1}`;
}

/** True when every test that passed in `before` passes in `after` (a gain with no loss). */
function keepsPassing(before: TestReport, after: TestReport): boolean {
  const passedAfter = new Set(after.results.filter((r) => r.passed).map((r) => r.name));
  return before.results.every((r) => !r.passed || passedAfter.has(r.name));
}

function shorten(s: string): string {
  const t = s.trim();
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}
