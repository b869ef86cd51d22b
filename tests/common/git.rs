//! Real git repositories for tests, with commits at chosen times.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

/// A git repository in a fresh folder; the campaign root may be a subfolder.
pub struct Repo {
    _dir: tempfile::TempDir,
    pub top: PathBuf,
    pub root: PathBuf,
}

impl Repo {
    pub fn new() -> Repo {
        let repo = Repo::plain();
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    /// A folder in no repository.
    pub fn plain() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().to_path_buf();
        Repo {
            root: top.clone(),
            top,
            _dir: dir,
        }
    }

    /// A bare repository: the shared remote that clones push to.
    pub fn bare() -> Repo {
        let repo = Repo::plain();
        repo.git(&["init", "-q", "--bare", "-b", "main"]);
        repo
    }

    /// A clone of `remote` in a fresh folder, on its `main`.
    pub fn clone_of(remote: &Repo) -> Repo {
        let repo = Repo::plain();
        let url = remote.top.to_str().unwrap();
        repo.git(&["clone", "-q", url, "."]);
        repo
    }

    /// A repository whose campaign lives in `folder` below its top.
    pub fn with_campaign_in(folder: &str) -> Repo {
        let mut repo = Repo::new();
        repo.root = repo.top.join(folder);
        std::fs::create_dir_all(&repo.root).unwrap();
        repo
    }

    /// Writes a file below the campaign root.
    pub fn write(&self, rel: &str, content: &str) -> &Repo {
        self.write_bytes(rel, content.as_bytes())
    }

    /// Writes a file of any bytes (a .docx, a PDF) below the campaign root.
    pub fn write_bytes(&self, rel: &str, content: &[u8]) -> &Repo {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Repo {
        std::fs::remove_file(self.root.join(rel)).unwrap();
        self
    }

    pub fn rename(&self, from: &str, to: &str) -> &Repo {
        std::fs::rename(self.root.join(from), self.root.join(to)).unwrap();
        self
    }

    /// Commits everything, authored and committed at `at`.
    pub fn commit_at(&self, at: &str) -> &Repo {
        self.commit_dated(at, at)
    }

    pub fn commit_dated(&self, authored: &str, committed: &str) -> &Repo {
        self.git(&["add", "-A"]);
        self.git_at(
            authored,
            committed,
            &["commit", "-q", "--allow-empty", "-m", committed],
        );
        self
    }

    /// A checkout of `commit` at `path` (a worktree of this repository),
    /// where the campaign stands as that commit left it.
    pub fn checkout(&self, commit: &str, path: &std::path::Path) {
        let path = path.to_str().unwrap();
        self.git(&["worktree", "add", "-q", "--detach", path, commit]);
    }

    pub fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"]).trim().to_owned()
    }

    pub fn git(&self, args: &[&str]) -> String {
        self.git_at(
            "2021-06-01T00:00:00+08:00",
            "2021-06-01T00:00:00+08:00",
            args,
        )
    }

    pub fn git_at(&self, authored: &str, committed: &str, args: &[&str]) -> String {
        let output = isolated_git()
            .current_dir(&self.top)
            .env("GIT_AUTHOR_DATE", authored)
            .env("GIT_COMMITTER_DATE", committed)
            .args(args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }
}

/// git for the fixtures, untouched by the configuration of whoever runs the tests.
pub fn isolated_git() -> Command {
    let mut git = Command::new("git");
    git.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("LC_ALL", "C")
        .args([
            "-c",
            "user.name=测试",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ]);
    git
}

/// A `git` that writes down each command line it is given, then hands over
/// to the real one: put first on a PATH, it counts the git processes a run starts.
pub struct Recorder {
    bin: tempfile::TempDir,
    calls: PathBuf,
}

impl Recorder {
    pub fn new() -> Recorder {
        let bin = tempfile::tempdir().unwrap();
        let real = std::env::split_paths(&std::env::var_os("PATH").unwrap())
            .map(|dir| dir.join("git"))
            .find(|candidate| candidate.is_file())
            .expect("git on PATH");
        let calls = bin.path().join("calls.txt");
        let wrapper = bin.path().join("git");
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
                calls.display(),
                real.display()
            ),
        )
        .unwrap();
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        // Another thread's fork may briefly hold the new file open for writing.
        for _ in 0..50 {
            match Command::new(&wrapper).arg("--version").output() {
                Ok(_) => break,
                Err(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
            }
        }
        std::fs::remove_file(&calls).unwrap();
        Recorder { bin, calls }
    }

    /// PATH with the recording `git` first.
    pub fn path(&self) -> OsString {
        let mut path = vec![self.bin.path().to_path_buf()];
        path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap()));
        std::env::join_paths(path).unwrap()
    }

    /// Each run so far by the first of `known` on its command line (the
    /// whole line when none is), sorted: runs started side by side may
    /// write their lines in either order.
    pub fn subcommands(&self, known: &[&str]) -> Vec<String> {
        let calls = std::fs::read_to_string(&self.calls).unwrap_or_default();
        let mut runs: Vec<String> = calls
            .lines()
            .map(|line| {
                known
                    .iter()
                    .find(|sub| line.split(' ').any(|word| word == **sub))
                    .map_or(line, |sub| sub)
                    .to_owned()
            })
            .collect();
        runs.sort();
        runs
    }
}
