/**
 * The Hugging Face cache in huggingface_hub's layout, so models Python downloaded
 * are found and ours are found by Python:
 *   models--org--name/refs/<revision>          the commit hash
 *   models--org--name/snapshots/<commit>/<f>   relative symlink to ../../blobs/<etag>
 *   models--org--name/blobs/<etag>             the bytes (<etag>.incomplete while downloading)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isCommitHash, repoFolderName } from './repoId';
import { writeFileAtomic } from '../../shared/atomicWrite';

export interface HubEnv {
  endpoint: string;
  cacheDir: string;
  token: string | null;
  offline: boolean;
}

const expandHome = (p: string) => (p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p);

function readTokenFile(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * HF_ENDPOINT, HF_HUB_CACHE / HF_HOME, HF_TOKEN, HF_HUB_OFFLINE, read in one place.
 * Without HF_TOKEN, the token `huggingface-cli login` saved is used, as Python does.
 */
export function hubEnv(env: NodeJS.ProcessEnv = process.env): HubEnv {
  const home = expandHome(
    env.HF_HOME ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'huggingface'),
  );
  const truthy = (v?: string) => !!v && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
  return {
    endpoint: (env.HF_ENDPOINT || 'https://huggingface.co').replace(/\/+$/, ''),
    cacheDir: expandHome(env.HF_HUB_CACHE ?? env.HUGGINGFACE_HUB_CACHE ?? path.join(home, 'hub')),
    token:
      env.HF_TOKEN ||
      env.HUGGING_FACE_HUB_TOKEN ||
      readTokenFile(expandHome(env.HF_TOKEN_PATH ?? path.join(home, 'token'))),
    offline: truthy(env.HF_HUB_OFFLINE) || truthy(env.TRANSFORMERS_OFFLINE),
  };
}

export class RepoCache {
  readonly root: string;
  constructor(
    cacheDir: string,
    readonly repoId: string,
  ) {
    this.root = path.join(cacheDir, repoFolderName(repoId));
  }

  commitFor(revision: string): string | null {
    if (isCommitHash(revision)) return fs.existsSync(this.snapshot(revision)) ? revision : null;
    try {
      const commit = fs.readFileSync(path.join(this.root, 'refs', revision), 'utf8').trim();
      return isCommitHash(commit) ? commit : null;
    } catch {
      return null;
    }
  }

  snapshot(commit: string): string {
    return path.join(this.root, 'snapshots', commit);
  }

  blob(etag: string): string {
    return path.join(this.root, 'blobs', etag);
  }

  writeRef(revision: string, commit: string): void {
    if (isCommitHash(revision)) return;
    writeFileAtomic(path.join(this.root, 'refs', revision), commit);
  }

  /** snapshots/<commit>/<file> → ../../blobs/<etag> (a copy where symlinks are not allowed). */
  link(commit: string, file: string, etag: string): string {
    const target = path.join(this.snapshot(commit), file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.rmSync(target, { force: true });
    const relative = path.relative(path.dirname(target), this.blob(etag));
    try {
      fs.symlinkSync(relative, target);
    } catch {
      fs.copyFileSync(this.blob(etag), target);
    }
    return target;
  }
}
