/**
 * Walks the folder named by the first argument and prints the entry paths and problems as JSON.
 * The walk test runs it as an unprivileged user, because as root every file is readable.
 */
import { walkContext } from '../../../src/core/context/walk';

async function main(): Promise<void> {
  const root = process.argv[2];
  if (!root) throw new Error('Usage: walkAsUser.ts FOLDER');
  const index = await walkContext(root);
  const paths = index.descendants('').map((file) => file.path);
  process.stdout.write(JSON.stringify({ paths, problems: index.problems }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
