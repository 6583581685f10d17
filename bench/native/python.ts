/**
 * The Python that runs the native PyTorch baselines (bench/native/*.py): $PYTHON, else python3 on
 * the PATH, else Debian's own (a pyenv shim may shadow it); the first that imports torch.
 */
import { spawnSync } from 'node:child_process';

export const NO_TORCH = 'python3 with torch not found (Debian: apt-get install python3-torch; or PYTHON=/path/to/python)';

export function pythonWithTorch(): string | undefined {
  const candidates = process.env['PYTHON'] ? [process.env['PYTHON']] : ['python3', '/usr/bin/python3'];
  return candidates.find((python) => {
    const probe = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
    return !probe.error && probe.status === 0;
  });
}
