// Whether a process is still running, by its pid: for lock files and gates that a process holds
// for as long as it lives (atomic-build.mjs, the site's content gate). Signal 0 checks without
// signalling; EPERM means the process exists but belongs to someone else.
export function alive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
