/** Hugging Face repo ids (`name` or `org/name`) and revisions, validated before they become paths or URLs. */

// huggingface_hub's rule: word characters, '-' and '.', starting and ending with a word character.
const PART = /^\w(?:[\w.-]*\w)?$/;

const looksLikePath = (ref: string) =>
  /^(\.{1,2}[\\/]|[\\/]|~|[A-Za-z]:[\\/])/.test(ref) || ref.includes('\\') || ref === '.' || ref === '..';

export function validateRepoId(id: string): string {
  const where = `'${id}' is not a Hugging Face repo id`;
  if (looksLikePath(id)) {
    const absolute = /^([\\/]|~|[A-Za-z]:[\\/])/.test(id);
    throw new Error(
      `no folder '${id}' exists, and it is not a Hugging Face repo id either (${absolute ? 'it is an absolute path' : "'..', '.' and backslashes are not allowed in repo ids"})`,
    );
  }
  const parts = id.split('/');
  if (parts.length > 2) throw new Error(`${where}: expected 'name' or 'org/name'`);
  for (const p of parts) {
    if (p.includes('..') || p.includes('--')) throw new Error(`${where}: '..' and '--' are not allowed`);
    if (!PART.test(p))
      throw new Error(`${where}: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit`);
  }
  if (id.endsWith('.git')) throw new Error(`${where}: it cannot end with '.git'`);
  if (id.length > 96) throw new Error(`${where}: longer than 96 characters`);
  return id;
}

/** A branch, tag or commit; it names a file under refs/, so it must not climb out of it. */
export function validateRevision(revision: string): string {
  const bad =
    revision === '' ||
    revision.startsWith('/') ||
    revision.includes('\\') ||
    revision.includes('\0') ||
    revision.split('/').some((p) => p === '..' || p === '.' || p === '');
  if (bad) throw new Error(`'${revision}' is not a valid revision: use a branch, a tag or a commit hash`);
  return revision;
}

/** models--org--name, as huggingface_hub names the cache folder. */
export function repoFolderName(id: string): string {
  return `models--${id.split('/').join('--')}`;
}

export const isCommitHash = (revision: string): boolean => /^[0-9a-f]{40}$/.test(revision);
