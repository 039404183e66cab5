//! The one writer of generated files, with a check mode.
//!
//! [`apply`] takes a finished [`Files`] plan, so a failing target never leaves a
//! half-written tree: rendering happens before any byte is written. In [`Mode::Write`]
//! it brings the output folder in line with the plan as one transaction:
//!
//! - **Nothing outside the folder.** Below the output folder it never follows a symbolic
//!   link: a generated path, a path the manifest lists, or any folder on the way to one
//!   that is a symlink is an error naming it ([`WriteError::Symlink`]). It reads only
//!   regular files, each with a size bound (the manifest, the lock, and an existing file
//!   never more than its planned size plus one byte).
//! - **Only its own files.** It removes only regular files that the previous run's
//!   manifest (`.errcat-manifest`) lists and this plan no longer has, and it overwrites a
//!   file only when that manifest lists it ([`WriteError::Unowned`] otherwise, unless
//!   [`Options::force`]).
//! - **All at once.** Every new or changed file is first written to a temporary file next
//!   to its target (created exclusively, with an unpredictable name), every file that will
//!   be replaced or removed is kept under such a name too; then everything is renamed into
//!   place, the manifest last. If any step fails, every step done is undone, so the folder
//!   holds exactly the previous tree and no temporary file (`*.errcat-tmp-*`) or folder it
//!   created.
//! - **One writer at a time.** `.errcat-lock`, created exclusively in the output folder for
//!   the duration of the run, makes a concurrent run fail with [`WriteError::Locked`]. A
//!   lock is taken over when it is older than [`STALE_LOCK_AGE`] or (on Linux) it was taken
//!   on this host by a process that is gone.
//!
//! In [`Mode::Check`] it writes nothing (not even the lock) and reports every difference.

use std::fmt::{self, Write as _};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::render::{Files, MANIFEST};

/// The lock file a writing run holds in the output folder.
pub const LOCK: &str = ".errcat-lock";

/// A lock older than this is taken to be left over by a run that died.
pub const STALE_LOCK_AGE: Duration = Duration::from_secs(10 * 60);

/// What every temporary file's name contains.
pub const TEMP_MARK: &str = ".errcat-tmp-";

/// The largest manifest errcat reads.
const MANIFEST_LIMIT: u64 = 64 << 20;
/// The largest file on disk that check mode reads to show a diff.
const DIFF_LIMIT: u64 = 16 << 20;
/// The largest lock file errcat reads.
const LOCK_LIMIT: u64 = 4096;

/// Write the files, or only compare them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Bring the output up to date.
    Write,
    /// Change nothing; report what is out of date.
    Check,
}

/// How [`apply_with`] treats files it does not own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Overwrite a generated path that exists although the previous manifest does not list
    /// it (by default that is an error in write mode and [`Stale::Unowned`] in check mode).
    pub force: bool,
}

/// One generated file that does not match the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stale {
    /// The file exists with other contents; `diff` is a short unified diff.
    Changed {
        /// Relative path.
        path: String,
        /// Unified diff from the file on disk to the expected contents, cut after a few
        /// dozen lines.
        diff: String,
    },
    /// The file should exist and does not.
    Missing {
        /// Relative path.
        path: String,
    },
    /// The previous run generated the file, and this plan does not.
    Unexpected {
        /// Relative path.
        path: String,
    },
    /// A file exists where the plan puts one, with other contents, and the manifest does
    /// not list it: writing would refuse to overwrite it unless forced.
    Unowned {
        /// Relative path.
        path: String,
    },
}

impl Stale {
    /// The relative path of the file.
    pub fn path(&self) -> &str {
        match self {
            Stale::Changed { path, .. }
            | Stale::Missing { path }
            | Stale::Unexpected { path }
            | Stale::Unowned { path } => path,
        }
    }
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stale::Changed { path, diff } => write!(f, "changed: {path}\n{diff}"),
            Stale::Missing { path } => write!(f, "missing: {path}"),
            Stale::Unexpected { path } => {
                write!(f, "unexpected: {path} (generated before, no longer part of the output)")
            }
            Stale::Unowned { path } => {
                write!(f, "unowned: {path} (exists, but {MANIFEST} does not list it; errcat will not overwrite it)")
            }
        }
    }
}

/// What [`apply`] did or found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Files written (write mode).
    pub written: Vec<String>,
    /// Files removed because the manifest listed them and the plan no longer has them.
    pub removed: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Differences found (check mode).
    pub stale: Vec<Stale>,
}

/// Why [`apply`] wrote nothing.
///
/// Except for [`WriteError::Incomplete`], the output folder is as it was before the call.
#[derive(Debug)]
pub enum WriteError {
    /// A file system call failed.
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        error: io::Error,
    },
    /// A path below the output folder is a symbolic link; errcat never follows one there.
    Symlink {
        /// The link.
        path: PathBuf,
    },
    /// Generated paths exist that the previous manifest does not list.
    Unowned {
        /// The output folder.
        root: PathBuf,
        /// The paths, relative to `root`.
        paths: Vec<String>,
    },
    /// Another run holds the output folder's lock.
    Locked {
        /// The output folder.
        root: PathBuf,
        /// The process that holds it, when the lock names one.
        pid: Option<u32>,
    },
    /// A step failed and undoing the steps before it failed too: the paths listed are
    /// left as they are.
    Incomplete {
        /// The failure that started the roll back.
        cause: Box<WriteError>,
        /// What could not be restored or removed.
        leftovers: Vec<PathBuf>,
    },
}

impl WriteError {
    fn io(path: impl Into<PathBuf>, error: io::Error) -> Self {
        WriteError::Io { path: path.into(), error }
    }

    fn invalid(path: impl Into<PathBuf>, message: &str) -> Self {
        WriteError::io(path, io::Error::new(io::ErrorKind::InvalidInput, message.to_owned()))
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Io { path, error } => write!(f, "{}: {error}", path.display()),
            WriteError::Symlink { path } => write!(
                f,
                "{}: is a symbolic link; errcat never follows a symlink below the output folder (replace it \
                 with a real folder or file)",
                path.display()
            ),
            WriteError::Unowned { root, paths } => {
                let (count, these) = match paths.len() {
                    1 => ("1 file".to_owned(), "it"),
                    n => (format!("{n} files"), "them"),
                };
                write!(
                    f,
                    "{count} in {} not errcat's ({MANIFEST} does not list {these}) would be overwritten:",
                    root.display()
                )?;
                for path in paths {
                    write!(f, "\n    {path}")?;
                }
                Ok(())
            }
            WriteError::Locked { root, pid } => {
                let pid = pid.map_or_else(|| "pid unknown".to_owned(), |pid| format!("pid {pid}"));
                write!(
                    f,
                    "another errcat generate is writing {} ({pid}); if none is running, remove {} (it is \
                     taken over after {} minutes)",
                    root.display(),
                    root.join(LOCK).display(),
                    STALE_LOCK_AGE.as_secs() / 60
                )
            }
            WriteError::Incomplete { cause, leftovers } => {
                write!(f, "{cause}\nand the previous tree could not be fully restored; check:")?;
                for path in leftovers {
                    write!(f, "\n    {}", path.display())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io { error, .. } => Some(error),
            WriteError::Incomplete { cause, .. } => Some(cause.as_ref()),
            _ => None,
        }
    }
}

/// Brings `root` in line with `files` (or, in check mode, reports how it differs), with
/// the default [`Options`]: files the previous manifest does not list are never overwritten.
pub fn apply(root: &Path, files: &Files, mode: Mode) -> Result<Outcome, WriteError> {
    apply_with(root, files, mode, Options::default())
}

/// Brings `root` in line with `files` (or, in check mode, reports how it differs).
pub fn apply_with(root: &Path, files: &Files, mode: Mode, options: Options) -> Result<Outcome, WriteError> {
    for path in files.keys() {
        if !is_safe_relative(path) {
            return Err(WriteError::invalid(root.join(path), "generated path escapes the output folder"));
        }
    }
    if mode == Mode::Check {
        if let Some(holder) = lock_holder(root)?
            && !holder.is_stale()
        {
            return Err(WriteError::Locked { root: root.to_owned(), pid: holder.pid });
        }
        return Ok(scan(root, files, mode, options)?.check_outcome());
    }
    let created = create_root(root)?;
    let result = Lock::acquire(root).and_then(|lock| {
        let result = scan(root, files, mode, options).and_then(|scan| scan.write(root, files));
        drop(lock);
        result
    });
    if result.is_err() {
        for dir in created.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
    result
}

/// The paths the manifest in `root` lists (none when it has no manifest).
pub fn manifest_entries(root: &Path) -> Result<Vec<String>, WriteError> {
    Ok(read_manifest(root)?.unwrap_or_default())
}

/// The previous manifest's entries, `None` when there is none.
fn read_manifest(root: &Path) -> Result<Option<Vec<String>>, WriteError> {
    let Entry::File(metadata) = entry(root, MANIFEST)? else { return Ok(None) };
    let path = root.join(MANIFEST);
    if metadata.len() > MANIFEST_LIMIT {
        return Err(WriteError::invalid(path, "too large to be an errcat manifest"));
    }
    let bytes = read_regular(&path, &metadata, MANIFEST_LIMIT)?;
    let text =
        String::from_utf8(bytes).map_err(|_| WriteError::invalid(&path, "not an errcat manifest (not UTF-8)"))?;
    Ok(Some(manifest_paths(&text).map(str::to_owned).collect()))
}

/// The paths a manifest's text lists.
fn manifest_paths(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

/// A relative, `/`-separated path with no `..`, no absolute root and no empty parts.
fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains(':')
        && path.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
}

/// What is at a relative path below the output folder.
enum Entry {
    /// Nothing (or a folder on the way is missing).
    Missing,
    /// A regular file, reached through real folders only.
    File(fs::Metadata),
    /// Something else: a folder, a device, or a regular file where a folder should be.
    Other {
        /// The first path that is not what it should be.
        path: PathBuf,
        /// What it should have been.
        wanted: &'static str,
    },
}

/// Looks at `relative` below `root` without following any symlink below `root`: a
/// symlink on the way or at the end is an error.
fn entry(root: &Path, relative: &str) -> Result<Entry, WriteError> {
    let parts: Vec<&str> = relative.split('/').collect();
    let mut path = root.to_path_buf();
    for (index, part) in parts.iter().enumerate() {
        path.push(part);
        let last = index + 1 == parts.len();
        let metadata = match fs::symlink_metadata(&path) {
            Ok(metadata) => metadata,
            Err(error) if is_not_found(&error) => return Ok(Entry::Missing),
            Err(error) => return Err(WriteError::io(path, error)),
        };
        let kind = metadata.file_type();
        if kind.is_symlink() {
            return Err(WriteError::Symlink { path });
        }
        if last {
            return Ok(if kind.is_file() { Entry::File(metadata) } else { Entry::Other { path, wanted: "a file" } });
        }
        if !kind.is_dir() {
            return Ok(Entry::Other { path, wanted: "a folder" });
        }
    }
    Ok(Entry::Missing)
}

fn is_not_found(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::NotFound
}

/// Reads at most `limit` bytes of the regular file `path`, which `symlink_metadata`
/// described as `expected`; fails if it is longer, or if another file took its place.
fn read_regular(path: &Path, expected: &fs::Metadata, limit: u64) -> Result<Vec<u8>, WriteError> {
    let file = File::open(path).map_err(|error| WriteError::io(path, error))?;
    let opened = file.metadata().map_err(|error| WriteError::io(path, error))?;
    if !opened.is_file() || !same_file(&opened, expected) {
        return Err(WriteError::invalid(path, "was replaced while errcat read it"));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|error| WriteError::io(path, error))?;
    if bytes.len() as u64 > limit {
        return Err(WriteError::invalid(path, "is larger than errcat reads"));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

/// A name no other file has had: process id, time and a counter.
fn unique_token() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// Calls `create` with fresh temporary names next to `target` until one is free.
fn create_unique<T>(target: &Path, mut create: impl FnMut(&Path) -> io::Result<T>) -> Result<(PathBuf, T), WriteError> {
    let parent = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut last = None;
    for _ in 0..16 {
        let temporary = parent.join(format!(".{name}{TEMP_MARK}{}", unique_token()));
        match fault::check().and_then(|()| create(&temporary)) {
            Ok(value) => return Ok((temporary, value)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => last = Some(error),
            Err(error) => return Err(WriteError::io(temporary, error)),
        }
    }
    Err(WriteError::io(target, last.unwrap_or_else(|| io::Error::other("no free temporary name"))))
}

fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Creates `root` and its missing ancestors; returns the folders it created, outermost first.
fn create_root(root: &Path) -> Result<Vec<PathBuf>, WriteError> {
    let mut missing = Vec::new();
    let mut current = Some(root);
    while let Some(dir) = current {
        if dir.as_os_str().is_empty() || fs::symlink_metadata(dir).is_ok() {
            break;
        }
        missing.push(dir.to_path_buf());
        current = dir.parent();
    }
    missing.reverse();
    fs::create_dir_all(root).map_err(|error| WriteError::io(root, error))?;
    if !fs::metadata(root).map_err(|error| WriteError::io(root, error))?.is_dir() {
        return Err(WriteError::invalid(root, "is not a folder"));
    }
    Ok(missing)
}

/// Who holds the lock of an output folder. The lock file holds the pid, the host name
/// (when errcat can tell it) and a token unique to the run, one a line.
struct LockHolder {
    pid: Option<u32>,
    /// Whether the lock was taken on this machine (or does not say where).
    here: bool,
    age: Option<Duration>,
}

impl LockHolder {
    /// Left over by a run that died: older than [`STALE_LOCK_AGE`], or taken on this
    /// machine by a process that is gone.
    fn is_stale(&self) -> bool {
        self.age.is_some_and(|age| age > STALE_LOCK_AGE) || (self.here && self.pid.is_some_and(process_is_gone))
    }
}

/// Whether process `pid` is known not to run (only Linux can tell, through `/proc`).
fn process_is_gone(pid: u32) -> bool {
    cfg!(target_os = "linux")
        && Path::new("/proc/self").exists()
        && fs::symlink_metadata(format!("/proc/{pid}")).is_err_and(|error| is_not_found(&error))
}

/// This machine's name, where errcat can read it without a dependency (Linux).
fn host_name() -> String {
    let name = if cfg!(target_os = "linux") {
        fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default()
    } else {
        String::new()
    };
    name.trim().to_owned()
}

/// The holder of `root`'s lock, `None` when it is not locked.
fn lock_holder(root: &Path) -> Result<Option<LockHolder>, WriteError> {
    let Some(contents) = read_lock(root)? else { return Ok(None) };
    let path = root.join(LOCK);
    let age = fs::symlink_metadata(&path)
        .and_then(|metadata| metadata.modified())
        .ok()
        .and_then(|modified| SystemTime::now().duration_since(modified).ok());
    let mut lines = contents.lines().map(str::trim);
    let pid = lines.next().and_then(|line| line.parse().ok());
    let here = lines.next().is_none_or(|host| host.is_empty() || host == host_name());
    Ok(Some(LockHolder { pid, here, age }))
}

fn read_lock(root: &Path) -> Result<Option<String>, WriteError> {
    match entry(root, LOCK)? {
        Entry::Missing => Ok(None),
        Entry::File(metadata) => {
            let bytes = read_regular(&root.join(LOCK), &metadata, LOCK_LIMIT)?;
            Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
        }
        Entry::Other { path, .. } => Err(WriteError::invalid(path, "is not an errcat lock file")),
    }
}

/// `.errcat-lock`, held while a run writes; removed when dropped.
struct Lock {
    path: PathBuf,
    contents: String,
}

impl Lock {
    fn acquire(root: &Path) -> Result<Lock, WriteError> {
        let path = root.join(LOCK);
        let contents = format!("{}\n{}\n{}\n", std::process::id(), host_name(), unique_token());
        for attempt in 0..3 {
            match create_new(&path) {
                Ok(mut file) => {
                    if let Err(error) = file.write_all(contents.as_bytes()) {
                        drop(file);
                        let _ = fs::remove_file(&path);
                        return Err(WriteError::io(path, error));
                    }
                    return Ok(Lock { path, contents });
                }
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => match lock_holder(root)? {
                    // Released between the two calls.
                    None => continue,
                    Some(holder) if holder.is_stale() && attempt == 0 => {
                        fs::remove_file(&path)
                            .or_else(|error| if is_not_found(&error) { Ok(()) } else { Err(error) })
                            .map_err(|error| WriteError::io(&path, error))?;
                    }
                    Some(holder) => return Err(WriteError::Locked { root: root.to_owned(), pid: holder.pid }),
                },
                Err(error) => return Err(WriteError::io(path, error)),
            }
        }
        Err(WriteError::Locked { root: root.to_owned(), pid: None })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Only while it is still this run's (a run that took it over owns it now).
        let root = self.path.parent().unwrap_or(Path::new("."));
        if read_lock(root).ok().flatten().as_deref() == Some(self.contents.as_str()) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// One file of the plan and what is on disk at its place.
struct Planned<'a> {
    path: &'a str,
    target: PathBuf,
    contents: &'a str,
    /// The regular file there now, if any.
    existing: Option<fs::Metadata>,
}

/// The comparison of the plan with the output folder.
struct Scan<'a> {
    previous: Option<Vec<String>>,
    unchanged: usize,
    stale: Vec<Stale>,
    /// New or changed files, in plan order.
    to_write: Vec<Planned<'a>>,
    /// Regular files the previous manifest lists and the plan no longer has.
    removals: Vec<(String, PathBuf)>,
    unowned: Vec<String>,
}

fn scan<'a>(root: &Path, files: &'a Files, mode: Mode, options: Options) -> Result<Scan<'a>, WriteError> {
    let previous = read_manifest(root)?;
    let owned: std::collections::HashSet<&str> =
        previous.iter().flatten().map(String::as_str).chain([MANIFEST]).collect();
    let mut scan = Scan {
        previous: None,
        unchanged: 0,
        stale: Vec::new(),
        to_write: Vec::new(),
        removals: Vec::new(),
        unowned: Vec::new(),
    };
    for (path, contents) in files {
        let target = root.join(path);
        let existing = match entry(root, path)? {
            Entry::Missing => None,
            Entry::File(metadata) => Some(metadata),
            Entry::Other { path, wanted } => {
                return Err(WriteError::invalid(path, &format!("is in the way: errcat generates {wanted} there")));
            }
        };
        let Some(metadata) = existing else {
            if mode == Mode::Check {
                scan.stale.push(Stale::Missing { path: path.clone() });
            }
            scan.to_write.push(Planned { path, target, contents, existing: None });
            continue;
        };
        let same = metadata.len() == contents.len() as u64
            && read_regular(&target, &metadata, metadata.len())? == contents.as_bytes();
        if same {
            scan.unchanged += 1;
            continue;
        }
        if !options.force && !owned.contains(path.as_str()) {
            scan.unowned.push(path.clone());
            if mode == Mode::Check {
                scan.stale.push(Stale::Unowned { path: path.clone() });
            }
            continue;
        }
        if mode == Mode::Check {
            let diff = if metadata.len() > DIFF_LIMIT {
                format!("    ({} bytes on disk, too large to show a diff)\n", metadata.len())
            } else {
                let existing = read_regular(&target, &metadata, DIFF_LIMIT)?;
                short_diff(&String::from_utf8_lossy(&existing), contents, path)
            };
            scan.stale.push(Stale::Changed { path: path.clone(), diff });
        }
        scan.to_write.push(Planned { path, target, contents, existing: Some(metadata) });
    }
    // A path the new manifest still lists (another target's file, when only some targets
    // were rendered) stays.
    let listed: std::collections::HashSet<&str> =
        files.get(MANIFEST).map(|manifest| manifest_paths(manifest).collect()).unwrap_or_default();
    for path in previous.iter().flatten() {
        if files.contains_key(path) || listed.contains(path.as_str()) || !is_safe_relative(path) {
            continue;
        }
        // Only a regular file reached through real folders; a symlink on the way is an error.
        if let Entry::File(_) = entry(root, path)? {
            if mode == Mode::Check {
                scan.stale.push(Stale::Unexpected { path: path.clone() });
            }
            scan.removals.push((path.clone(), root.join(path)));
        }
    }
    scan.previous = previous;
    Ok(scan)
}

impl Scan<'_> {
    fn check_outcome(self) -> Outcome {
        Outcome { unchanged: self.unchanged, stale: self.stale, ..Outcome::default() }
    }

    fn write(self, root: &Path, files: &Files) -> Result<Outcome, WriteError> {
        if !self.unowned.is_empty() {
            return Err(WriteError::Unowned { root: root.to_owned(), paths: self.unowned });
        }
        let mut transaction = Transaction {
            root,
            created: Vec::new(),
            temporaries: Vec::new(),
            forgotten: std::collections::HashSet::new(),
            undo: Vec::new(),
        };
        match transaction.run(&self, files) {
            Ok(()) => {
                transaction.commit(&self.removals);
                Ok(Outcome {
                    written: self.to_write.iter().map(|file| file.path.to_owned()).collect(),
                    removed: self.removals.into_iter().map(|(path, _)| path).collect(),
                    unchanged: self.unchanged,
                    stale: Vec::new(),
                })
            }
            Err(error) => {
                let leftovers = transaction.roll_back();
                if leftovers.is_empty() {
                    Err(error)
                } else {
                    Err(WriteError::Incomplete { cause: Box::new(error), leftovers })
                }
            }
        }
    }
}

/// A step of the swap, and how to undo it.
enum Undo {
    /// `target` was replaced (its previous contents are in `backup`) or created (`None`).
    Replaced { target: PathBuf, backup: Option<PathBuf> },
    /// `target` was moved to `backup`.
    Removed { target: PathBuf, backup: PathBuf },
}

/// The write of one tree: everything staged first, then swapped in, undone on failure.
struct Transaction<'a> {
    root: &'a Path,
    /// Folders created, in order.
    created: Vec<PathBuf>,
    /// Temporary files made so far (staged contents and backups), in order; those in
    /// `forgotten` exist no more.
    temporaries: Vec<PathBuf>,
    /// Temporaries renamed into place or restored: a set, so forgetting one of the tens of
    /// thousands a large output stages is not a scan of all of them.
    forgotten: std::collections::HashSet<PathBuf>,
    /// Steps of the swap done so far.
    undo: Vec<Undo>,
}

/// A file staged next to its target, with a backup of the file it replaces.
struct Staged {
    temporary: PathBuf,
    target: PathBuf,
    backup: Option<PathBuf>,
}

impl Transaction<'_> {
    fn run(&mut self, scan: &Scan<'_>, files: &Files) -> Result<(), WriteError> {
        // Stage: every byte is written before anything on disk changes.
        let mut manifest = None;
        let mut staged = Vec::new();
        for file in &scan.to_write {
            let entry = self.stage(file)?;
            if file.path == MANIFEST {
                manifest = Some(entry);
            } else {
                staged.push(entry);
            }
        }
        // While files move, the manifest lists the old and the new ones, so a run killed
        // half-way leaves every file it wrote owned. The interim manifest takes over the
        // backup of the previous one.
        let previous = scan.previous.as_deref().unwrap_or_default();
        let listed: std::collections::HashSet<&str> = previous.iter().map(String::as_str).collect();
        let adds = scan.to_write.iter().any(|file| file.path != MANIFEST && !listed.contains(file.path));
        let interim = match manifest.as_mut() {
            Some(last) if adds => {
                let mut union: Vec<&String> = previous.iter().chain(files.keys()).collect();
                union.retain(|path| path.as_str() != MANIFEST);
                union.sort();
                union.dedup();
                let text = crate::render::manifest(union.into_iter());
                let temporary = self.write_temporary(&last.target, text.as_bytes())?;
                Some(Staged { temporary, target: last.target.clone(), backup: last.backup.take() })
            }
            _ => None,
        };
        let mut removals = Vec::new();
        for (_, target) in &scan.removals {
            // Reserve the backup's name; the rename below replaces the empty placeholder.
            removals.push((target.clone(), self.write_temporary(target, b"")?));
        }
        // Swap: renames only, the manifest last.
        if let Some(interim) = interim {
            self.swap(interim)?;
        }
        for file in staged {
            self.swap(file)?;
        }
        for (target, backup) in removals {
            rename(&target, &backup)?;
            self.undo.push(Undo::Removed { target, backup });
        }
        if let Some(manifest) = manifest {
            self.swap(manifest)?;
        }
        Ok(())
    }

    /// Writes `file`'s contents next to it, and keeps what it replaces under a temporary name.
    fn stage(&mut self, file: &Planned<'_>) -> Result<Staged, WriteError> {
        self.create_parents(file.path)?;
        let temporary = self.write_temporary(&file.target, file.contents.as_bytes())?;
        let backup = match &file.existing {
            None => None,
            Some(metadata) => Some(match create_unique(&file.target, |backup| fs::hard_link(&file.target, backup)) {
                Ok((backup, ())) => {
                    self.temporaries.push(backup.clone());
                    backup
                }
                // No hard link here (file system, permissions): a copy of the regular file.
                Err(_) => {
                    let bytes = read_regular(&file.target, metadata, metadata.len())?;
                    self.write_temporary(&file.target, &bytes)?
                }
            }),
        };
        Ok(Staged { temporary, target: file.target.clone(), backup })
    }

    /// A new temporary file next to `target` holding `bytes`.
    fn write_temporary(&mut self, target: &Path, bytes: &[u8]) -> Result<PathBuf, WriteError> {
        let (temporary, mut handle) = create_unique(target, create_new)?;
        // Recorded before writing: a failed write (a full disk) leaves no partial file.
        self.temporaries.push(temporary.clone());
        fault::check().and_then(|()| handle.write_all(bytes)).map_err(|error| WriteError::io(&temporary, error))?;
        Ok(temporary)
    }

    /// Creates the missing folders on the way to `relative`, never through a symlink.
    fn create_parents(&mut self, relative: &str) -> Result<(), WriteError> {
        let mut dir = self.root.to_path_buf();
        let parts: Vec<&str> = relative.split('/').collect();
        for part in &parts[..parts.len() - 1] {
            dir.push(part);
            match fs::symlink_metadata(&dir) {
                Ok(metadata) if metadata.file_type().is_symlink() => {
                    return Err(WriteError::Symlink { path: dir });
                }
                Ok(metadata) if metadata.is_dir() => continue,
                Ok(_) => return Err(WriteError::invalid(dir, "is in the way: errcat generates a folder there")),
                Err(error) if is_not_found(&error) => {}
                Err(error) => return Err(WriteError::io(dir, error)),
            }
            // `create_dir` fails if anything (a symlink too) appeared there meanwhile.
            fault::check().and_then(|()| fs::create_dir(&dir)).map_err(|error| WriteError::io(&dir, error))?;
            self.created.push(dir.clone());
        }
        Ok(())
    }

    fn swap(&mut self, file: Staged) -> Result<(), WriteError> {
        rename(&file.temporary, &file.target)?;
        self.forget(&file.temporary);
        self.undo.push(Undo::Replaced { target: file.target, backup: file.backup });
        Ok(())
    }

    fn forget(&mut self, temporary: &Path) {
        self.forgotten.insert(temporary.to_path_buf());
    }

    /// Removes the backups and the folders removals emptied.
    fn commit(self, removals: &[(String, PathBuf)]) {
        for temporary in self.temporaries.iter().filter(|path| !self.forgotten.contains(*path)) {
            let _ = fs::remove_file(temporary);
        }
        for (_, target) in removals {
            remove_empty_parents(self.root, target);
        }
    }

    /// Undoes every step, newest first; returns what could not be restored.
    fn roll_back(mut self) -> Vec<PathBuf> {
        let mut leftovers = Vec::new();
        for step in std::mem::take(&mut self.undo).into_iter().rev() {
            let (result, target, restored) = match step {
                Undo::Replaced { target, backup: Some(backup) } => (fs::rename(&backup, &target), target, Some(backup)),
                Undo::Replaced { target, backup: None } => (fs::remove_file(&target), target, None),
                Undo::Removed { target, backup } => (fs::rename(&backup, &target), target, Some(backup)),
            };
            match result {
                Ok(()) => {
                    if let Some(backup) = restored {
                        self.forget(&backup);
                    }
                }
                Err(_) => leftovers.push(target),
            }
        }
        for temporary in self.temporaries.iter().filter(|path| !self.forgotten.contains(*path)) {
            if fs::remove_file(temporary).is_err_and(|error| !is_not_found(&error)) {
                leftovers.push(temporary.clone());
            }
        }
        for dir in self.created.iter().rev() {
            if fs::remove_dir(dir).is_err_and(|error| !is_not_found(&error)) {
                leftovers.push(dir.clone());
            }
        }
        leftovers
    }
}

fn rename(from: &Path, to: &Path) -> Result<(), WriteError> {
    fault::check().and_then(|()| fs::rename(from, to)).map_err(|error| WriteError::io(to, error))
}

fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == root || !current.starts_with(root) || fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

/// Injected failures for the roll back tests: the `n`th file system step of this thread fails.
#[cfg(test)]
mod fault {
    use std::cell::Cell;

    thread_local! {
        static REMAINING: Cell<Option<usize>> = const { Cell::new(None) };
    }

    /// Makes the step after `steps` successful ones fail (`None`: no failure).
    pub(super) fn fail_after(steps: Option<usize>) {
        REMAINING.with(|remaining| remaining.set(steps));
    }

    /// Whether the armed failure was used.
    pub(super) fn fired() -> bool {
        REMAINING.with(|remaining| remaining.get() == Some(usize::MAX))
    }

    pub(super) fn check() -> std::io::Result<()> {
        REMAINING.with(|remaining| match remaining.get() {
            Some(0) => {
                remaining.set(Some(usize::MAX));
                Err(std::io::Error::other("injected failure"))
            }
            Some(usize::MAX) | None => Ok(()),
            Some(n) => {
                remaining.set(Some(n - 1));
                Ok(())
            }
        })
    }
}

#[cfg(not(test))]
mod fault {
    #[inline]
    pub(super) fn check() -> std::io::Result<()> {
        Ok(())
    }
}

/// A unified diff of at most 40 lines.
fn short_diff(old: &str, new: &str, path: &str) -> String {
    const MAX_LINES: usize = 40;
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff.unified_diff().context_radius(2).header(&format!("a/{path}"), &format!("b/{path}")).to_string();
    let total = text.lines().count();
    let mut out = String::new();
    for line in text.lines().take(MAX_LINES) {
        let _ = writeln!(out, "    {line}");
    }
    if total > MAX_LINES {
        let _ = writeln!(out, "    … {} more diff lines", total - MAX_LINES);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn plan(entries: &[(&str, &str)]) -> Files {
        let mut files: Files = entries.iter().map(|(p, c)| ((*p).to_owned(), (*c).to_owned())).collect();
        let manifest = crate::render::manifest(files.keys());
        files.insert(MANIFEST.to_owned(), manifest);
        files
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("errcat-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).ok();
        dir
    }

    /// Everything below `root`, symlinks and folders included, never following a link.
    fn tree(root: &Path) -> BTreeMap<String, String> {
        let mut found = BTreeMap::new();
        let mut pending = vec![root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            let Ok(entries) = fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                let name = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
                let Ok(metadata) = fs::symlink_metadata(&path) else { continue };
                let what = if metadata.file_type().is_symlink() {
                    format!("-> {}", fs::read_link(&path).map(|p| p.display().to_string()).unwrap_or_default())
                } else if metadata.is_dir() {
                    pending.push(path);
                    "/".to_owned()
                } else {
                    String::from_utf8_lossy(&fs::read(&path).unwrap_or_default()).into_owned()
                };
                found.insert(name, what);
            }
        }
        found
    }

    fn no_temporaries(root: &Path) -> bool {
        tree(root).keys().all(|path| !path.contains(".errcat-tmp") && !path.ends_with(LOCK))
    }

    #[test]
    fn writes_checks_and_removes_only_what_it_generated() -> Result<(), WriteError> {
        let root = temp_dir("cycle");
        fs::write(root.join("hand-written.txt"), "mine").ok();
        let first = plan(&[("a/one.txt", "1\n"), ("b/two.txt", "2\n")]);
        let outcome = apply(&root, &first, Mode::Write)?;
        assert_eq!(outcome.written.len(), 3);
        assert!(apply(&root, &first, Mode::Check)?.stale.is_empty());

        fs::write(root.join("a/one.txt"), "edited\n").ok();
        let stale = apply(&root, &first, Mode::Check)?.stale;
        assert_eq!(stale.len(), 1);
        assert!(matches!(&stale[0], Stale::Changed { path, diff } if path == "a/one.txt" && diff.contains("+1")));
        assert_eq!(fs::read_to_string(root.join("a/one.txt")).ok().as_deref(), Some("edited\n"), "check wrote");

        let second = plan(&[("a/one.txt", "1\n")]);
        let check = apply(&root, &second, Mode::Check)?;
        assert!(check.stale.iter().any(|s| matches!(s, Stale::Unexpected { path } if path == "b/two.txt")));
        let outcome = apply(&root, &second, Mode::Write)?;
        assert_eq!(outcome.removed, vec!["b/two.txt".to_owned()]);
        assert!(!root.join("b").exists(), "emptied folder is removed");
        assert!(root.join("hand-written.txt").exists(), "never touches other files");
        assert!(no_temporaries(&root), "{:?}", tree(&root));
        let _ = fs::remove_dir_all(&root);
        Ok(())
    }

    #[test]
    fn refuses_paths_outside_the_root() {
        let root = temp_dir("escape");
        let files = plan(&[("../evil.txt", "x")]);
        assert!(apply(&root, &files, Mode::Write).is_err());
        assert!(!root.parent().is_some_and(|p| p.join("evil.txt").exists()));
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn a_folder_where_a_file_goes_changes_nothing() {
        let root = temp_dir("atomic");
        let files = plan(&[("ok.txt", "fine\n")]);
        apply(&root, &files, Mode::Write).ok();
        let before = tree(&root);
        fs::create_dir_all(root.join("blocked/x.txt")).ok();
        fs::create_dir_all(root.join("blocked/.x.txt.errcat-tmp")).ok();
        let with_folders = tree(&root);
        let files = plan(&[("ok.txt", "changed\n"), ("blocked/x.txt", "x\n"), ("new/y.txt", "y\n")]);
        let error = apply(&root, &files, Mode::Write).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("blocked/x.txt") && error.contains("in the way"), "{error}");
        assert_eq!(tree(&root), with_folders);
        assert!(before.keys().all(|path| with_folders.contains_key(path)));
        let _ = fs::remove_dir_all(&root);
    }

    /// The probe's rename failing midway (`chattr +i` on one file), a full disk while
    /// staging, and everything in between: every step of a write fails once, in turn, and
    /// each time the folder is exactly as before, with no temporary file, folder or lock.
    #[test]
    fn any_failing_step_leaves_the_previous_tree_exactly() -> Result<(), WriteError> {
        let first = plan(&[("a/one.txt", "1\n"), ("b/two.txt", "2\n"), ("c/three.txt", "3\n")]);
        // Changes one file, keeps one, adds two (one in new folders), removes one.
        let second =
            plan(&[("a/one.txt", "one\n"), ("c/three.txt", "3\n"), ("c/new.txt", "new\n"), ("d/e/four.txt", "4\n")]);
        let expected = {
            let root = temp_dir("rollback-expected");
            apply(&root, &first, Mode::Write)?;
            fs::write(root.join("mine.txt"), "mine").ok();
            apply(&root, &second, Mode::Write)?;
            let expected = tree(&root);
            let _ = fs::remove_dir_all(&root);
            expected
        };
        let mut failures = 0;
        for steps in 0.. {
            let root = temp_dir(&format!("rollback-{steps}"));
            apply(&root, &first, Mode::Write)?;
            fs::write(root.join("mine.txt"), "mine").ok();
            let before = tree(&root);
            fault::fail_after(Some(steps));
            let result = apply(&root, &second, Mode::Write);
            let fired = fault::fired();
            fault::fail_after(None);
            match result {
                Err(error) => {
                    assert!(fired, "{error}");
                    assert!(error.to_string().contains("injected failure"), "{error}");
                    assert_eq!(tree(&root), before, "step {steps} failed and the tree changed");
                    failures += 1;
                }
                // A failed hard link falls back to a copy: the write goes through.
                Ok(_) => assert_eq!(tree(&root), expected, "step {steps}"),
            }
            let _ = fs::remove_dir_all(&root);
            if !fired {
                break;
            }
        }
        assert!(failures >= 12, "only {failures} steps");

        // Into a folder that does not exist yet: a failure leaves no folder behind.
        for steps in 0..6 {
            let parent = temp_dir(&format!("rollback-fresh-{steps}"));
            fault::fail_after(Some(steps));
            let result = apply(&parent.join("out/deeper"), &second, Mode::Write);
            fault::fail_after(None);
            assert!(result.is_err());
            assert!(tree(&parent).is_empty(), "{:?}", tree(&parent));
            let _ = fs::remove_dir_all(&parent);
        }
        Ok(())
    }

    /// A file errcat would generate that no manifest lists is never overwritten unless forced;
    /// check mode reports it as unowned.
    #[test]
    fn files_it_does_not_own_need_force() -> Result<(), WriteError> {
        let root = temp_dir("unowned");
        fs::create_dir_all(root.join("docs")).ok();
        fs::write(root.join("docs/errors.md"), "my own notes\n").ok();
        fs::write(root.join("same.txt"), "same\n").ok();
        let files = plan(&[("docs/errors.md", "# generated\n"), ("same.txt", "same\n"), ("new.txt", "new\n")]);
        let before = tree(&root);
        match apply(&root, &files, Mode::Write) {
            Err(WriteError::Unowned { paths, .. }) => assert_eq!(paths, ["docs/errors.md"]),
            other => panic!("{other:?}"),
        }
        assert_eq!(tree(&root), before);
        let stale = apply(&root, &files, Mode::Check)?.stale;
        assert!(stale.contains(&Stale::Unowned { path: "docs/errors.md".to_owned() }), "{stale:?}");
        assert!(stale.iter().all(|s| s.path() != "same.txt"), "identical bytes are not a change");
        assert!(
            apply_with(&root, &files, Mode::Check, Options { force: true })?
                .stale
                .iter()
                .any(|s| matches!(s, Stale::Changed { path, .. } if path == "docs/errors.md"))
        );

        let outcome = apply_with(&root, &files, Mode::Write, Options { force: true })?;
        assert!(outcome.written.contains(&"docs/errors.md".to_owned()));
        assert_eq!(fs::read_to_string(root.join("docs/errors.md")).ok().as_deref(), Some("# generated\n"));
        // Now it is errcat's: the next run overwrites it without force.
        fs::write(root.join("docs/errors.md"), "edited\n").ok();
        apply(&root, &files, Mode::Write)?;
        assert_eq!(fs::read_to_string(root.join("docs/errors.md")).ok().as_deref(), Some("# generated\n"));
        let _ = fs::remove_dir_all(&root);
        Ok(())
    }

    #[cfg(unix)]
    mod symlinks {
        use std::os::unix::fs::symlink;

        use super::*;

        fn symlink_error(result: Result<Outcome, WriteError>) -> Option<PathBuf> {
            match result {
                Err(WriteError::Symlink { path }) => Some(path),
                _ => None,
            }
        }

        /// The probe's first reproduction: a symlink at the temporary name the old writer
        /// predicted (`.errors.md.errcat-tmp`) made it write through the link.
        #[test]
        fn a_symlink_at_a_temporary_name_is_never_written_through() -> Result<(), WriteError> {
            let dir = temp_dir("temp-link");
            let root = dir.join("out");
            fs::create_dir_all(root.join("docs")).ok();
            fs::write(dir.join("victim"), "x\n").ok();
            symlink(dir.join("victim"), root.join("docs/.errors.md.errcat-tmp")).ok();
            apply(&root, &plan(&[("docs/errors.md", "# errors\n")]), Mode::Write)?;
            assert_eq!(fs::read_to_string(dir.join("victim")).ok().as_deref(), Some("x\n"));
            assert_eq!(fs::read_to_string(root.join("docs/errors.md")).ok().as_deref(), Some("# errors\n"));
            let _ = fs::remove_dir_all(&dir);
            Ok(())
        }

        /// A symlinked folder, or a symlink where a generated file goes, is refused in both
        /// modes, naming the link, and nothing is written anywhere.
        #[test]
        fn a_symlinked_folder_or_file_is_refused() {
            let dir = temp_dir("folder-link");
            let (root, elsewhere) = (dir.join("out"), dir.join("elsewhere"));
            fs::create_dir_all(&root).ok();
            fs::create_dir_all(&elsewhere).ok();
            fs::write(elsewhere.join("errors.md"), "theirs\n").ok();
            symlink(&elsewhere, root.join("docs")).ok();
            let files = plan(&[("a.txt", "a\n"), ("docs/errors.md", "# errors\n")]);
            let before = tree(&dir);
            for mode in [Mode::Write, Mode::Check] {
                assert_eq!(symlink_error(apply(&root, &files, mode)), Some(root.join("docs")));
                assert_eq!(
                    symlink_error(apply_with(&root, &files, mode, Options { force: true })),
                    Some(root.join("docs"))
                );
            }
            assert_eq!(tree(&dir), before);

            fs::remove_file(root.join("docs")).ok();
            fs::create_dir_all(root.join("docs")).ok();
            symlink(elsewhere.join("errors.md"), root.join("docs/errors.md")).ok();
            let before = tree(&dir);
            assert_eq!(symlink_error(apply(&root, &files, Mode::Write)), Some(root.join("docs/errors.md")));
            assert_eq!(tree(&dir), before);
            let message = apply(&root, &files, Mode::Write).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(message.contains("docs/errors.md: is a symbolic link"), "{message}");
            let _ = fs::remove_dir_all(&dir);
        }

        /// The probe's third reproduction: a manifest entry below a symlinked folder made the
        /// next run delete a file outside the output folder, and its emptied folder.
        #[test]
        fn removal_never_goes_through_a_symlink() -> Result<(), WriteError> {
            let dir = temp_dir("remove-link");
            let (root, elsewhere) = (dir.join("out"), dir.join("elsewhere"));
            fs::create_dir_all(elsewhere.join("sub")).ok();
            fs::write(elsewhere.join("sub/b.txt"), "theirs\n").ok();
            fs::write(elsewhere.join("c.txt"), "theirs too\n").ok();
            let files = plan(&[("a.txt", "a\n")]);
            apply(&root, &files, Mode::Write)?;
            symlink(&elsewhere, root.join("escape")).ok();
            symlink(elsewhere.join("c.txt"), root.join("link.txt")).ok();
            for (entry, link) in [("escape/sub/b.txt", "escape"), ("link.txt", "link.txt")] {
                let manifest = root.join(MANIFEST);
                let text = fs::read_to_string(&manifest).unwrap_or_default();
                fs::write(&manifest, format!("{text}{entry}\n")).ok();
                let before = tree(&dir);
                assert_eq!(symlink_error(apply(&root, &files, Mode::Check)), Some(root.join(link)));
                assert_eq!(symlink_error(apply(&root, &files, Mode::Write)), Some(root.join(link)));
                assert_eq!(tree(&dir), before);
                fs::write(&manifest, text).ok();
            }
            assert!(elsewhere.join("sub/b.txt").exists() && elsewhere.join("c.txt").exists());
            let _ = fs::remove_dir_all(&dir);
            Ok(())
        }

        /// The probe's last reproduction: a manifest or generated file that is a symlink to
        /// `/dev/zero` made errcat read without bound. Neither is read now, and a manifest
        /// larger than any real one is refused from its size alone.
        #[test]
        fn reads_are_bounded() -> Result<(), WriteError> {
            let root = temp_dir("unbounded");
            let files = plan(&[("a.txt", "a\n")]);
            symlink("/dev/zero", root.join(MANIFEST)).ok();
            assert_eq!(symlink_error(apply(&root, &files, Mode::Write)), Some(root.join(MANIFEST)));
            assert!(matches!(manifest_entries(&root), Err(WriteError::Symlink { .. })));
            fs::remove_file(root.join(MANIFEST)).ok();
            symlink("/dev/zero", root.join("a.txt")).ok();
            assert_eq!(symlink_error(apply(&root, &files, Mode::Check)), Some(root.join("a.txt")));
            fs::remove_file(root.join("a.txt")).ok();

            let huge = File::create(root.join(MANIFEST)).map_err(|error| WriteError::io(&root, error))?;
            huge.set_len(MANIFEST_LIMIT + 1).map_err(|error| WriteError::io(&root, error))?;
            let message = apply(&root, &files, Mode::Write).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(message.contains("too large"), "{message}");
            let _ = fs::remove_dir_all(&root);
            Ok(())
        }
    }

    /// A lock a live process holds makes a second writer (and a check) fail, naming it; a
    /// lock of a dead process or an old one is taken over; the lock goes when the run ends.
    #[test]
    fn one_writer_at_a_time() -> Result<(), WriteError> {
        let root = temp_dir("lock");
        let files = plan(&[("a.txt", "a\n")]);
        fs::write(root.join(LOCK), format!("{}\n", std::process::id())).ok();
        for mode in [Mode::Write, Mode::Check] {
            match apply(&root, &files, mode) {
                Err(error @ WriteError::Locked { pid: Some(pid), .. }) if pid == std::process::id() => {
                    let message = error.to_string();
                    let wanted = format!("another errcat generate is writing {} (pid {pid})", root.display());
                    assert!(message.contains(&wanted), "{message}");
                }
                other => panic!("{other:?}"),
            }
        }
        assert!(!root.join("a.txt").exists());

        // Old: taken over, whoever it names.
        let old = SystemTime::now() - STALE_LOCK_AGE - Duration::from_secs(60);
        File::options().write(true).open(root.join(LOCK)).and_then(|lock| lock.set_modified(old)).ok();
        apply(&root, &files, Mode::Write)?;
        assert!(!root.join(LOCK).exists(), "the lock outlived the run");

        // Its process is gone (Linux tells through /proc).
        if cfg!(target_os = "linux") {
            let child = std::process::Command::new("true").spawn().and_then(|mut child| {
                child.wait()?;
                Ok(child.id())
            });
            if let Ok(pid) = child {
                // Unless the lock was taken on another machine: its pid means nothing here.
                fs::write(root.join(LOCK), format!("{pid}\nanother-host.invalid\n")).ok();
                assert!(matches!(apply(&root, &files, Mode::Write), Err(WriteError::Locked { .. })));
                fs::write(root.join(LOCK), format!("{pid}\n{}\n", host_name())).ok();
                apply(&root, &plan(&[("a.txt", "b\n")]), Mode::Write)?;
                assert!(!root.join(LOCK).exists());
            }
        }
        let _ = fs::remove_dir_all(&root);
        Ok(())
    }

    /// The probe's concurrent runs: writers on several threads never mix their trees; each
    /// either writes its whole tree or fails on the lock.
    #[test]
    fn concurrent_writers_never_mix_trees() {
        let root = temp_dir("concurrent");
        let plans: Vec<Files> = (0..4)
            .map(|n| {
                let entries: Vec<(String, String)> =
                    (0..20).map(|i| (format!("d{}/f{i}.txt", (i + n) % 3), format!("{n}\n"))).collect();
                let entries: Vec<(&str, &str)> = entries.iter().map(|(p, c)| (p.as_str(), c.as_str())).collect();
                plan(&entries)
            })
            .collect();
        let expected: Vec<BTreeMap<String, String>> = plans
            .iter()
            .enumerate()
            .map(|(n, files)| {
                let dir = temp_dir(&format!("concurrent-expected-{n}"));
                apply(&dir, files, Mode::Write).ok();
                let tree = tree(&dir);
                let _ = fs::remove_dir_all(&dir);
                tree
            })
            .collect();
        let (mut locked, mut written) = (0, 0);
        for _ in 0..20 {
            let results: Vec<Result<Outcome, WriteError>> = std::thread::scope(|scope| {
                let handles: Vec<_> =
                    plans.iter().map(|files| scope.spawn(|| apply(&root, files, Mode::Write))).collect();
                handles.into_iter().filter_map(|handle| handle.join().ok()).collect()
            });
            for result in results {
                match result {
                    Ok(_) => written += 1,
                    Err(WriteError::Locked { .. }) => locked += 1,
                    Err(error) => panic!("{error}"),
                }
            }
            let now = tree(&root);
            assert!(expected.contains(&now), "a mixed tree: {now:?}");
        }
        assert!(written > 0, "{written} written, {locked} locked");
        let _ = fs::remove_dir_all(&root);
    }
}
