import { githubLinkBase, readReview, renderReview, ReviewError } from '../assess/review.ts';
import { UsageError, type Command } from './command.ts';

export const review: Command = {
  name: 'review',
  help: `Usage: turbowork review [--base REF] [--journal DIR]

Prints, as Markdown, the body of a pull request that reviews the assessment drafts changed since REF
(default: the default branch, origin/HEAD, else main or master), committed or not. For each draft, in
order: the numbers the grounding check did not find in the journal and the bullets that cite nothing;
its claims with their citations as links; and the diff of its body against the version on REF, the
last one a person accepted. A fresh draft set beside an edited one (PERIOD.new.md) says so. The body
ends with a checklist for the reviewer. The weekly workflow uses it as its pull request's body.

In GitHub Actions (GITHUB_SERVER_URL and GITHUB_REPOSITORY set) citations link to the files on
GitHub at this commit; elsewhere they are paths from the repository's root.

Options:
  --base REF   the branch, tag or commit the drafts are compared with (default: the default branch)
`,
  options: { base: { type: 'string' } },
  async run(values, positionals, { io, journalDir }) {
    if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`);
    try {
      const result = await readReview(journalDir, { base: values.base as string | undefined, linkBase: githubLinkBase(io.env) });
      io.stdout.write(renderReview(result));
      return 0;
    } catch (error) {
      if (error instanceof ReviewError) throw new UsageError(error.message);
      throw error;
    }
  },
};
