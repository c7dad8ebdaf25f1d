/** Hugging Face repo ids (`name` or `org/name`), validated before they become paths or URLs. */
const PART = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

export function validateRepoId(id: string): string {
  const where = `'${id}' is not a Hugging Face repo id`;
  if (id.startsWith('/') || /^[A-Za-z]:[\\/]/.test(id) || id.startsWith('~')) throw new Error(`${where}: it is an absolute path, and no such folder exists`);
  if (id.includes('\\')) throw new Error(`${where}: backslashes are not allowed`);
  const parts = id.split('/');
  if (parts.length > 2) throw new Error(`${where}: expected 'name' or 'org/name'`);
  for (const p of parts) {
    if (p === '..' || p === '.' || p.includes('..') || p.includes('--')) throw new Error(`${where}: '..' and '--' are not allowed`);
    if (!PART.test(p)) throw new Error(`${where}: use letters, digits, '-', '_' and '.'`);
  }
  if (id.length > 96) throw new Error(`${where}: longer than 96 characters`);
  return id;
}

/** models--org--name, as huggingface_hub names the cache folder. */
export function repoFolderName(id: string): string {
  return `models--${id.split('/').join('--')}`;
}

export const isCommitHash = (revision: string): boolean => /^[0-9a-f]{40}$/.test(revision);
