# The job's files: placing them, fetching what the verifier asks back, and scrubbing the container between
# submissions. Every path is walked relative to a directory fd, never following a link the submission made.
import errno
import os
import stat

TMP_ROOTS = ("/tmp", "/dev/shm", "/dev/mqueue")


def plain_relative(path):
    """Relative, of plain segments only (the verifier checked more): nothing named by it can lie outside the job."""
    return bool(path) and not path.startswith("/") and not any(part in ("", ".", "..") or "\0" in part for part in path.split("/"))


def own_directories(root, directories):
    """An fd of root/directories..., each step a real directory of ours: whatever the submission put in a step's
    place (a file, a symlink to elsewhere, a directory it locked) is removed, never followed, and made anew."""
    fd = os.dup(root)
    for name in directories:
        try:
            step = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
        except OSError:
            remove_entry(fd, name)
            os.mkdir(name, 0o700, dir_fd=fd)
            step = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
        os.close(fd)
        fd = step
    return fd


def open_own_directory(dir_fd, name):
    """An fd of the directory `name` in dir_fd, or the status of what is there instead. A directory the submission
    locked (chmod 000) is ours to unlock; a symlink is reported, never followed. Nothing of the submission runs now, so
    what the lstat saw is what gets opened (O_NOFOLLOW makes sure of it anyway)."""
    try:
        st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except OSError:
        return "missing"
    if not stat.S_ISDIR(st.st_mode):
        return "not_regular"
    try:
        if st.st_mode & 0o700 != 0o700:
            os.chmod(name, 0o700, dir_fd=dir_fd)
        return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)
    except OSError as e:
        return "not_regular" if e.errno in (errno.ELOOP, errno.ENOTDIR) else "missing"


def fetch_one(workdir, path, budget):
    """{status, bytes?, content?} of one path under workdir, reading at most `budget` bytes of a regular file."""
    *directories, leaf = path.split("/")
    parent, name = os.path.split(workdir)
    fds = [os.open(parent, os.O_RDONLY | os.O_DIRECTORY)]
    try:
        for name in [name] + directories:
            step = open_own_directory(fds[-1], name)
            if not isinstance(step, int):
                return {"status": step}
            fds.append(step)
        try:
            st = os.stat(leaf, dir_fd=fds[-1], follow_symlinks=False)
        except OSError:
            return {"status": "missing"}
        if not stat.S_ISREG(st.st_mode):
            return {"status": "not_regular"}
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
        try:
            if not st.st_mode & stat.S_IRUSR:
                os.chmod(leaf, 0o600, dir_fd=fds[-1])  # ours, and a regular file by the lstat above: nothing runs to swap it
            fd = os.open(leaf, flags, dir_fd=fds[-1])
        except OSError as e:
            return {"status": "not_regular" if e.errno == errno.ELOOP else "missing"}
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return {"status": "not_regular"}
            chunks = []
            want = min(budget, st.st_size) + 1  # one byte past the cap says whether there was more
            while want > 0:
                chunk = os.read(fd, min(want, CHUNK))
                if not chunk:
                    break
                chunks.append(chunk)
                want -= len(chunk)
            data = b"".join(chunks)
        finally:
            os.close(fd)
        if len(data) > budget or st.st_size > budget:
            return {"status": "truncated", "bytes": st.st_size, "content": data[:budget] if budget > 0 else None}
        return {"status": "ok", "bytes": st.st_size, "content": data}
    finally:
        for fd in fds:
            os.close(fd)


def take_frame(server):
    buffer = server["buffer"]
    if len(buffer) < 4:
        return None
    (length,) = struct.unpack(">I", buffer[:4])
    if len(buffer) < 4 + length:
        return None
    server["buffer"] = buffer[4 + length:]
    return buffer[4:4 + length].decode("utf-8", errors="replace")


# ---------------------------------------------------------------- between submissions

def scrub():
    """Leaves the container as a fresh one: no process but this one, empty writable filesystems, no IPC objects."""
    problems = []
    if not kill_all_but_me():
        problems.append("processes survive SIGKILL")
    for root in TMP_ROOTS:
        try:
            root_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            for name in os.listdir(root_fd):
                remove_entry(root_fd, name)
            if os.listdir(root_fd):
                problems.append("%s is not empty" % root)
        finally:
            os.close(root_fd)
    remove_ipc()
    if any(sysv_ids(kind) for kind in ("shm", "sem", "msg")):
        problems.append("SysV IPC objects remain")
    if settings_of(0) != OWN_SETTINGS:
        # Every later program would inherit them (a batch-mate with a smaller stack, fewer files, a lower priority).
        problems.append("the supervisor's niceness, limits, affinity or priorities were changed")
    pids = Cgroup.pids()
    if pids is not None and pids > 1:
        problems.append("%d tasks in the container" % pids)
    return problems


def decode_files(files):
    """The job's or a run's files, name to bytes; a name must stay inside the job (the verifier checked more)."""
    decoded = {}
    for name, content in files.items():
        if not plain_relative(name):
            raise ValueError("bad file name %r" % name)
        decoded[name] = binascii.a2b_base64(content)
    return decoded


def place_file(root, name, content, keep_regular):
    """Writes root/name: its directories are made ours on the way (never followed), whatever stands at the name is
    removed first (kept when keep_regular and it is a regular file), and the file is created, never through a link."""
    *directories, leaf = name.split("/")
    parent = own_directories(root, directories)
    try:
        try:
            if keep_regular and stat.S_ISREG(os.stat(leaf, dir_fd=parent, follow_symlinks=False).st_mode):
                return
        except FileNotFoundError:
            pass
        remove_entry(parent, leaf)
        fd = os.open(leaf, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=parent)
        with os.fdopen(fd, "wb") as f:
            f.write(content)
    finally:
        os.close(parent)


def remove_tree(path):
    parent, name = os.path.split(path)
    parent_fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        remove_entry(parent_fd, name)
    finally:
        os.close(parent_fd)


def remove_entry(parent_fd, name):
    """Removes `name` in the directory parent_fd and everything under it, whatever the submission made: any depth
    (iterative, walking by directory fds and names, so neither the recursion limit nor PATH_MAX applies, and at
    most three fds are open), any width (each directory is listed once), directories it made unreadable or
    unwritable (it ran as our uid, so we can chmod them back), symlinks (removed, never followed). Runs only when
    no process of the submission is left, so nothing changes the tree under it. What cannot be removed stays, and
    the caller's emptiness check reports it."""
    try:
        if not stat.S_ISDIR(os.stat(name, dir_fd=parent_fd, follow_symlinks=False).st_mode):
            os.unlink(name, dir_fd=parent_fd)
            return
    except OSError:
        return
    fd = os.dup(parent_fd)  # the directory that holds the names of the deepest level
    levels = [[name]]  # per depth, the directories still to empty and remove; fd holds the last level's
    try:
        while levels:
            pending = levels[-1]
            if not pending:  # this level is gone: climb to the directory holding the one just emptied, remove it
                levels.pop()
                if levels:
                    up = os.open("..", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
                    os.close(fd)
                    fd = up
                    rmdir_quietly(levels[-1].pop(), fd)
                continue
            current = pending[-1]
            try:
                os.chmod(current, 0o700, dir_fd=fd)  # a directory (checked, and nothing can swap it now)
                child = os.open(current, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            except OSError:
                rmdir_quietly(pending.pop(), fd)
                continue
            subdirectories = []
            try:
                with os.scandir(child) as entries:
                    listed = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries]
            except OSError:
                listed = []
            for entry_name, is_dir in listed:
                if is_dir:
                    subdirectories.append(entry_name)
                else:
                    try:
                        os.unlink(entry_name, dir_fd=child)
                    except OSError:
                        pass
            if subdirectories:
                os.close(fd)
                fd = child
                levels.append(subdirectories)
            else:
                os.close(child)
                rmdir_quietly(pending.pop(), fd)
    finally:
        os.close(fd)


def rmdir_quietly(name, dir_fd):
    try:
        os.rmdir(name, dir_fd=dir_fd)
    except OSError:
        pass


def sysv_ids(kind):
    try:
        with open("/proc/sysvipc/%s" % kind) as f:
            lines = f.read().splitlines()[1:]
    except OSError:
        return []
    return [int(line.split()[1]) for line in lines if line.strip()]


def remove_ipc():
    ipc_rmid = 0
    for shmid in sysv_ids("shm"):
        libc.shmctl(shmid, ipc_rmid, None)
    for semid in sysv_ids("sem"):
        libc.semctl(semid, 0, ipc_rmid)
    for msqid in sysv_ids("msg"):
        libc.msgctl(msqid, ipc_rmid, None)


